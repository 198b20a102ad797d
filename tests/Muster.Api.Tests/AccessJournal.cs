using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

/// <summary>
/// On SQLite an official's read is answered once its record is in the node's access journal, and moved
/// into the hash-chained access log moments later. A node killed before it moved anything loses no
/// record: the next node on the database adopts the dead node's journal, moves it once, deletes it.
/// </summary>
public sealed class AccessJournal
{
    [Fact]
    public async Task Reads_answered_by_a_node_killed_before_it_moved_its_journal_are_in_the_access_log_once_after_the_next_start()
    {
        // The journal never moves by itself here: everything answered is only in the journal when the node dies.
        var api = new SqliteApiServer { Settings = new Dictionary<string, string> { ["AccessJournalMoveMilliseconds"] = "600000" } };
        await api.RunAsync(async api =>
        {
            var sqlite = api.Db["sqlite:".Length..];
            var references = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var check = await api.PostAsync("border", "/api/border/checks", new { documentNumber = "750000001", issuingState = "RUS", birthDate = "1997-04-12" });
                Assert.True(check.Code == 200, check.ToString());
                references.Add(check.Text("reference"));
            }

            var journals = Directory.GetFiles(Path.GetDirectoryName(sqlite)!, Path.GetFileName(sqlite) + ".access-*.journal");
            Assert.Single(journals);
            // Past its records, a journal holds the zeros of the space reserved for more (JournalFile).
            Assert.Equal(20, (await File.ReadAllTextAsync(journals[0])).TrimEnd('\0').Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            await api.Server.DisposeAsync(); // SIGKILL: no shutdown code runs
            await using var next = await MusterServer.StartAsync(api.Db, api.ClockFile, api.Settings);
            var log = await api.SendAsync("auditor", HttpMethod.Get, "/api/persons/p-own/access-log", http: new HttpClient { BaseAddress = next.Address });
            Assert.True(log.Code == 200, log.ToString());
            var purposes = log.Json.EnumerateArray().Select(a => a.GetProperty("purpose").GetString()!).ToList();
            foreach (var reference in references)
            {
                Assert.Single(purposes, p => p == $"POST /api/border/checks {reference}: allow");
            }

            Assert.False(File.Exists(journals[0]), "the dead node's journal is deleted once moved");
            var verify = await MusterCommand.ExitAsync("audit", "verify", "--db", api.Db);
            Assert.True(verify.ExitCode == 0, verify.All);
        });
    }

    /// <summary>Two live nodes on one SQLite file: neither takes the other's journal (it is locked), across a round of adoption.</summary>
    [Fact]
    public async Task Two_nodes_on_one_database_keep_their_own_journals_and_every_read_reaches_the_access_log_once()
    {
        await new SqliteApiServer().RunAsync(async api =>
        {
            await using var second = await MusterServer.StartAsync(api.Db, api.ClockFile, api.Settings);
            using var secondHttp = new HttpClient { BaseAddress = second.Address };
            var references = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(12); // past a round of adoption (every 10 s) on each node
            while (DateTime.UtcNow < deadline || references.Count < 40)
            {
                foreach (var http in new[] { api.Http, secondHttp })
                {
                    var check = await api.SendAsync("border", HttpMethod.Post, "/api/border/checks", new { documentNumber = "750000001", issuingState = "RUS", birthDate = "1997-04-12" }, http: http);
                    Assert.True(check.Code == 200, check.ToString());
                    references.Add(check.Text("reference"));
                }

                await Task.Delay(100);
            }

            // Read through the first node, which moves its own journal first; the second node's moves within a second.
            List<string> purposes;
            var settled = DateTime.UtcNow.AddSeconds(10);
            do
            {
                await Task.Delay(250);
                purposes = (await api.GetAsync("auditor", "/api/persons/p-own/access-log")).Json.EnumerateArray().Select(a => a.GetProperty("purpose").GetString()!).ToList();
            }
            while (DateTime.UtcNow < settled && !references.All(r => purposes.Contains($"POST /api/border/checks {r}: allow")));

            foreach (var reference in references)
            {
                Assert.Single(purposes, p => p == $"POST /api/border/checks {reference}: allow");
            }
        });
    }

    [Fact]
    public async Task The_access_log_shows_a_read_at_once_though_the_journal_moves_later()
    {
        var api = new SqliteApiServer { Settings = new Dictionary<string, string> { ["AccessJournalMoveMilliseconds"] = "600000" } };
        await api.RunAsync(async api =>
        {
            var check = await api.PostAsync("border", "/api/border/checks", new { documentNumber = "750000002", issuingState = "RUS", birthDate = "1997-04-12" });
            var log = await api.GetAsync("auditor", "/api/persons/p-other/access-log");
            Assert.Contains(log.Json.EnumerateArray(), a => a.GetProperty("purpose").GetString() == $"POST /api/border/checks {check.Text("reference")}: allow");
        });
    }
}
