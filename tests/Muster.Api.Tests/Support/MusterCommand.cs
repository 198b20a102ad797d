namespace Muster.Api.Tests.Support;

/// <summary>The real `muster` program, built beside the tests, run as `dotnet muster.dll ...`.</summary>
public static class MusterCommand
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "muster.dll");

    /// <summary>Runs `muster ...` and returns its exit code and output, whatever they are.</summary>
    public static Task<Processes.Result> ExitAsync(params string[] arguments) => Processes.RunAsync("dotnet", [Dll, .. arguments], TimeSpan.FromMinutes(2));

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var result = await ExitAsync(arguments);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"muster {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.All}");
    }

    /// <summary>`muster keys create ...`: the key is the last line.</summary>
    public static async Task<string> CreateKeyAsync(string db, params string[] options) => (await CreateKeyWithIdAsync(db, options)).Key;

    /// <summary>`muster keys create ...`: the key id from "created key k-...", the key from the last line.</summary>
    public static async Task<(string Id, string Key)> CreateKeyWithIdAsync(string db, params string[] options)
    {
        var output = await RunAsync(["keys", "create", "--db", db, .. options]);
        var id = System.Text.RegularExpressions.Regex.Match(output, "created key (k-[0-9a-f]+)").Groups[1].Value;
        return (id, output.TrimEnd().Split('\n')[^1].Trim());
    }
}
