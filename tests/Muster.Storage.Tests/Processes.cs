using System.Diagnostics;

namespace Muster.Storage.Tests;

/// <summary>Runs a real program (sqlite3, psql, initdb, muster) and returns its exit code and output.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(file, arguments, workingDirectory);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public static Process Start(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["COLUMNS"] = "200";
        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
    }

    public static async Task<Result> CheckedAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.All}");
    }

    public static bool IsRoot => Environment.UserName == "root";
}
