namespace Muster.Propagation.Tests.Support;

/// <summary>The real `muster` program, built beside the tests, run as `dotnet muster.dll ...`.</summary>
public static class MusterCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "muster.dll");

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var result = await Processes.RunAsync("dotnet", [Dll, .. arguments], TimeSpan.FromMinutes(3));
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"muster {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.All}");
    }

    /// <summary>`muster keys create ...`: the key is the last line of the output.</summary>
    public static async Task<string> CreateKeyAsync(string db, params string[] options) =>
        (await RunAsync(["keys", "create", "--db", db, .. options])).TrimEnd().Split('\n')[^1].Trim();
}
