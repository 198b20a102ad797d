namespace Muster.Storage.Tests;

/// <summary>The real `muster` program, built beside the tests, run as `dotnet muster.dll ...`.</summary>
public static class MusterCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "muster.dll");

    public static Task<Processes.Result> RunAsync(params string[] arguments) =>
        Processes.RunAsync("dotnet", [Dll, .. arguments], TimeSpan.FromMinutes(3));

    public static System.Diagnostics.Process Start(params string[] arguments) => Processes.Start("dotnet", [Dll, .. arguments]);
}
