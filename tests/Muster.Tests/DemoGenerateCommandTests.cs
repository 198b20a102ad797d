namespace Muster.Tests;

/// <summary>What `muster demo generate` writes, `muster import` takes whole.</summary>
public sealed class DemoGenerateCommandTests
{
    [Fact]
    public async Task A_register_generated_around_the_system_clock_imports_without_a_rejected_line()
    {
        // Without --now the population is generated around the system clock, which ticks every 100 ns;
        // the register refuses instants finer than a microsecond, so the command's clock must be cut to it.
        var folder = Directory.CreateTempSubdirectory("muster-demo-generate-");
        try
        {
            var facts = Path.Combine(folder.FullName, "demo.jsonl");
            var generated = await MusterProcess.RunAsync("demo", "generate", "--people", "20", "--out", facts);
            Assert.True(generated.ExitCode == 0, generated.All);

            var imported = await MusterProcess.RunAsync("import", "--db", "sqlite:" + Path.Combine(folder.FullName, "demo.db"), facts);
            Assert.True(imported.ExitCode == 0, imported.All);
            var lines = (await File.ReadAllLinesAsync(facts)).Length;
            var summary = System.Text.RegularExpressions.Regex.Match(imported.Output, @"│ (\d+)\s+│ (\d+)\s+│ (\d+)\s+│ (\d+)\s+│"); // read, stored, already present, rejected
            Assert.True(summary.Success, imported.Output);
            Assert.Equal((lines, lines, 0), (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value), int.Parse(summary.Groups[4].Value)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
