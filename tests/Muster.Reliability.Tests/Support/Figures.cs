using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// The figures of a run (faults injected, requests, inputs tried, facts lost, soak samples): printed to
/// the test output and written to docs/reliability/NAME.txt, which docs/reliability.md quotes.
/// </summary>
public static class Figures
{
    public static string Folder => Path.GetFullPath(Path.Combine(Here(), "..", "..", "..", "docs", "reliability"));

    public static void Report(ITestOutputHelper output, string name, string text)
    {
        output.WriteLine(text);
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(Path.Combine(Folder, name + ".txt"), $"# {name}: last run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n{text.TrimEnd()}\n");
        }
        catch (IOException e)
        {
            // A read-only checkout still runs the tests; the figures are in the test output.
            output.WriteLine($"(figures not written to {Folder}: {e.Message})");
        }
    }

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
