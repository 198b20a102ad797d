using Muster.Core.Facts;
using static Muster.Propagation.Tests.Support.Facts;

namespace Muster.Propagation.Tests;

/// <summary>`muster sweep --db CONN --now INSTANT`: one sweep from the command line, with a summary table; a re-run writes nothing.</summary>
public sealed class SweepCommandTests
{
    [Fact]
    public async Task Sweeping_from_the_command_line_writes_the_changes_once_and_says_how_many()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"muster-sweep-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var db = "sqlite:" + Path.Combine(folder, "muster.db");
            var facts = Enumerable.Range(0, 5).SelectMany(i => new Fact[] { Registered($"p{i}", "2025-06-01T00:00:00Z"), Placed($"p{i}", "s1", "2026-02-02T09:00:00Z") });
            await MusterCli.RunAsync("import", "--db", db, await Facts.WriteJsonlAsync(folder, facts));

            var first = await MusterCli.RunAsync("sweep", "--db", db, "--now", "2026-03-02T08:00:00Z", "--batch", "2");
            Assert.Matches(@"│\s*2026-03-02T08:00:00Z\s*│\s*5\s*│\s*35\s*│\s*0\s*│\s*0\s*│\s*35\s*│\s*10 / 10\s*│", first);
            var again = await MusterCli.RunAsync("sweep", "--db", db, "--now", "2026-03-02T08:00:00Z");
            Assert.Matches(@"│\s*2026-03-02T08:00:00Z\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*35\s*│", again);
            var bad = await Processes.RunAsync("dotnet", [MusterCli.Dll, "sweep", "--db", db, "--now", "yesterday"]);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--now", bad.All, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
