using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Faults;

/// <summary>
/// The disk under SQLite fills up while clients write. Writes are then refused clearly (507 problem+json
/// with Retry-After, never a 500) — those that no longer fit: SQLite may still find room for a small one —
/// the person's own reads still work, an official's read is answered only if it could be logged (else 507),
/// nothing is half-written, and once space is freed writes succeed again without a restart.
/// </summary>
public sealed class FullDisk(SmallDiskApiServer api, ITestOutputHelper output) : IClassFixture<SmallDiskApiServer>
{
    [Fact]
    public async Task On_a_full_disk_writes_get_507_reads_still_work_nothing_is_half_written_and_writes_resume_once_space_is_freed()
    {
        var filler = Path.Combine(api.Disk, "filler");
        long filled;
        var ledger = new Ledger();
        var now = Facts.I(ApiServer.Start);
        var writers = new Writers(() => api.Server.Address, () => now, api.Key("admin"), [(ApiServer.Own, api.Key("citizen"))], ledger, "full");
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            var load = writers.RunAsync(2, stop.Token);
            await Task.Delay(1000, CancellationToken.None);
            filled = await Task.Run(() => Fill(filler), CancellationToken.None);
            while (!stop.IsCancellationRequested && ledger.All.Count(a => a.Status == 507) < 10)
            {
                await Task.Delay(50, CancellationToken.None);
            }

            await stop.CancelAsync();
            await load;
        }

        var whileFull = new (string What, Answer Answer)[]
        {
            ("POST /api/persons", await Client.PostAsync(api.Server.Address, "/api/persons", api.Key("admin"), ApiServer.Person("p-full-probe", "3999000001", "759000001"))),
            ("GET /api/me/status (the citizen's own)", await Client.GetAsync(api.Server.Address, "/api/me/status", api.Key("citizen"))),
            ("GET /api/me/summonses (the citizen's own)", await Client.GetAsync(api.Server.Address, "/api/me/summonses", api.Key("citizen"))),
            ("GET /healthz", await Client.GetAsync(api.Server.Address, "/healthz", null)),
            ("GET /api/persons/p-own (an official's read, which must be logged)", await Client.GetAsync(api.Server.Address, $"/api/persons/{ApiServer.Own}", api.Key("clerk"))),
        };

        ledger.Add(new Attempt("register", "p-full-probe", whileFull[0].Answer, null, null));
        var accessBefore = await OfficialReadsAsync();
        File.Delete(filler);
        var resumed = System.Diagnostics.Stopwatch.StartNew();
        Answer after;
        do
        {
            after = await Client.PostAsync(api.Server.Address, "/api/appearances", api.Key("admin"), new { personId = ApiServer.Other, office = "KGD-01" });
            ledger.Add(new Attempt("appearance", ApiServer.Other, after, after.IsSuccess ? System.Text.Json.JsonDocument.Parse(after.Body).RootElement.GetProperty("factId").GetString() : null, null));
        }
        while (!after.IsSuccess && resumed.Elapsed < TimeSpan.FromSeconds(30) && await Delay());

        var outcome = await Reconciliation.CheckAsync(api.Db, ledger, [ApiServer.Own, ApiServer.Other, "p-full-probe"], now);
        var audit = await Reconciliation.VerifyAuditChainAsync(api.Db);
        var rebuild = await Reconciliation.VerifyProjectionsAsync(api.Db);
        Figures.Report(output, "faults-full-disk",
            $"SQLite on a 16 MB tmpfs, filled with {filled / 1024} KB: {ledger.Summary()}\n" +
            string.Concat(whileFull.Select(p => $"while full: {p.What} → {p.Answer.Status}\n")) +
            $"after freeing the space: a write succeeded in {resumed.Elapsed.TotalSeconds:F1} s, without a restart\n{outcome}\naudit verify: {Reconciliation.FirstLine(audit)}\ndb rebuild --verify: {Reconciliation.FirstLine(rebuild)}");

        var refused = ledger.All.Where(a => !a.Acknowledged && a.Status is not (404 or 409 or 422)).ToList();
        Assert.True(refused.Count > 0, "the disk never filled up: " + ledger.Summary());
        Assert.All(refused, a => Assert.True(a.Status == 507 && a.Answer.IsProblem && a.Answer.RetryAfter, $"{a.Op}: {a.Answer}"));
        // A full disk refuses what does not fit: a small write may still find room in pages SQLite already has.
        Assert.True(whileFull[0].Answer.Status is 201 or 507, whileFull[0].Answer.ToString());
        Assert.All(whileFull.Skip(1).SkipLast(1), p => Assert.True(p.Answer.Status == 200, $"{p.What} while the disk was full: {p.Answer}"));

        // An official's read is answered only once it is logged: refused clearly, or answered and then in the
        // access log — at once, or (SQLite: in the node's journal, whose space was reserved before the disk
        // filled) once the journal can be moved again after the space is freed.
        var read = whileFull[^1].Answer;
        var accessAfter = await OfficialReadsAsync();
        // It is the only official read of that person here (the writers only write).
        for (var waited = 0; read.Status == 200 && accessAfter == 0 && waited < 50; waited++)
        {
            await Task.Delay(200);
            accessAfter = await OfficialReadsAsync();
        }

        Assert.True(read is { Status: 507, IsProblem: true, RetryAfter: true } || (read.Status == 200 && accessAfter == 1), $"{read} ({accessBefore} reads logged while full, {accessAfter} after)");
        Assert.True(after.IsSuccess, $"writes still fail after space was freed: {after}");
        Assert.True(outcome.Problems.Count == 0, string.Join("\n", outcome.Problems.Take(20)));
        Assert.Equal(0, outcome.Lost);
    }

    /// <summary>The clerk's reads in p-own's access log.</summary>
    private async Task<int> OfficialReadsAsync()
    {
        await using var store = await Reconciliation.OpenAsync(api.Db);
        return (await store.ReadAccessLogAsync(ApiServer.Own)).Count(a => a.Purpose == "GET /api/persons/{id}");
    }

    /// <summary>Writes <paramref name="path"/> until the filesystem has no room left; returns its size.</summary>
    private static long Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        long written = 0;
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: full
        }

        return written;
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
