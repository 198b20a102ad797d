using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Faults;

/// <summary>
/// PostgreSQL stops under load (`pg_ctl stop -m immediate`) and starts again. While it is away every
/// request is refused clearly — 503, problem+json, Retry-After — and none hangs or gets a 500; /readyz
/// says not ready. The server needs no restart: once the database is back, writes succeed again by
/// themselves and /readyz says ready. Afterwards every acknowledged write is there, nothing is half
/// there, the projections equal a rebuild from the log and the audit chain verifies.
/// </summary>
public sealed class PostgresOutage(DurablePostgresCluster cluster, ITestOutputHelper output) : IClassFixture<DurablePostgresCluster>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);
    private const string Ready = "GET /readyz";

    [Fact]
    public async Task While_PostgreSQL_is_down_requests_get_503_with_Retry_After_and_the_server_recovers_by_itself()
    {
        await using var rig = await CrashRig.StartAsync(cluster, citizens: 2);
        var border = await MusterCli.CreateKeyAsync(rig.Register.Db, "--role", "border");
        var ledger = new Ledger();
        var reads = new ConcurrentQueue<(string What, Answer Answer)>();
        var writers = new Writers(() => rig.Address, () => rig.Now, rig.Register.AdminKey, rig.Citizens, ledger, "outage");
        DateTime down, up;
        TimeSpan recovery, readyAgain;
        using (var stop = new CancellationTokenSource())
        {
            var load = Task.WhenAll(writers.RunAsync(3, stop.Token), ReadAsync(rig, border, reads, stop.Token), ReadAsync(rig, border, reads, stop.Token));
            await Task.Delay(2000);
            await cluster.StopAsync();
            down = DateTime.UtcNow;
            await Task.Delay(Outage);
            up = DateTime.UtcNow;
            await cluster.StartAsync();
            recovery = await UntilAWriteSucceedsAsync(rig, ledger);
            readyAgain = await UntilReadyAsync(rig) + recovery;
            await Task.Delay(2000);
            await stop.CancelAsync();
            await load;
        }

        var answers = ledger.All.Select(a => (What: $"POST {a.Op}", a.Answer)).Concat(reads).ToList();
        var duringOutage = answers.Where(a => a.Answer.Sent > down && a.Answer.Received < up).ToList();
        var outcome = await Reconciliation.CheckAsync(rig.Register.Db, ledger, rig.Citizens.Select(c => c.PersonId), rig.Now);
        var audit = await Reconciliation.VerifyAuditChainAsync(rig.Register.Db);
        var rebuild = await Reconciliation.VerifyProjectionsAsync(rig.Register.Db);
        Figures.Report(output, "faults-postgres-outage",
            $"PostgreSQL stopped for {Outage.TotalSeconds:F0} s under load: {answers.Count} requests in all, {duringOutage.Count} sent and answered while it was down " +
            $"({duringOutage.Count(a => a.Answer.Status == 503 && a.Answer.RetryAfter && a.Answer.IsProblem)} of them 503 problem+json with Retry-After); " +
            $"slowest answer {answers.Max(a => a.Answer.Elapsed).TotalSeconds:F1} s; writes succeeded again {recovery.TotalSeconds:F1} s after PostgreSQL was back, without a restart, and /readyz said ready after {readyAgain.TotalSeconds:F1} s\n" +
            $"{ledger.Summary()}\n{outcome}\naudit verify: {Reconciliation.FirstLine(audit)}\ndb rebuild --verify: {Reconciliation.FirstLine(rebuild)}");

        Assert.False(rig.Node.HasExited, "muster serve died with its database");
        Assert.True(duringOutage.Count > 20, $"only {duringOutage.Count} requests while PostgreSQL was down");
        // /readyz reuses its last probe for a second (Muster:Readiness:CacheSeconds), so it may say "ready" that long into the outage.
        Assert.All(duringOutage.Where(a => a.What != Ready || a.Answer.Sent > down.AddSeconds(1.5)),
            a => Assert.True(a.Answer.Status == 503 && (a.Answer.IsProblem || a.What == Ready) && a.Answer.RetryAfter, $"{a.What} while PostgreSQL was down: {a.Answer}"));
        Assert.Contains(duringOutage, a => a.What == Ready);
        Assert.True(readyAgain < TimeSpan.FromSeconds(30), $"/readyz still not ready {readyAgain.TotalSeconds:F0} s after PostgreSQL was back");
        Assert.All(answers, a => Assert.True(a.Answer.Status is not null and not 500 && a.Answer.Elapsed < Hang, $"{a.What}: {a.Answer}"));
        Assert.True(recovery < TimeSpan.FromSeconds(30), $"writes failed for {recovery.TotalSeconds:F0} s after PostgreSQL was back");
        Assert.True(outcome.Problems.Count == 0, string.Join("\n", outcome.Problems.Take(20)));
        Assert.Equal(0, outcome.Lost);
    }

    /// <summary>Reads of every kind, in turn: an official's status and record reads, the citizen's own status, a border check, the agency feed.</summary>
    private static async Task ReadAsync(CrashRig rig, string borderKey, ConcurrentQueue<(string, Answer)> answers, CancellationToken stop)
    {
        var (citizen, citizenKey) = rig.Citizens[0];
        var reads = new (string What, Func<Task<Answer>> Send)[]
        {
            ("GET status", () => Client.GetAsync(rig.Address, $"/api/persons/{citizen}/status", rig.Register.AdminKey)),
            ("GET person", () => Client.GetAsync(rig.Address, $"/api/persons/{citizen}", rig.Register.AdminKey)),
            ("GET me/status", () => Client.GetAsync(rig.Address, "/api/me/status", citizenKey)),
            ("POST border check", () => Client.PostAsync(rig.Address, "/api/border/checks", borderKey, new { documentNumber = "750000001", issuingState = "RUS", birthDate = "1998-07-01" })),
            ("GET feed", () => Client.GetAsync(rig.Address, "/api/feed?after=0&limit=10", rig.Register.AgencyKey("tax"))),
            (Ready, () => Client.GetAsync(rig.Address, "/readyz", null)),
        };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var (what, send) = reads[i % reads.Length];
            answers.Enqueue((what, await send()));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<TimeSpan> UntilReadyAsync(CrashRig rig)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && (await Client.GetAsync(rig.Address, "/readyz", null)).Status != 200)
        {
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    /// <summary>Appearances of the second citizen until one is acknowledged (each goes to the ledger with the clients' writes).</summary>
    private static async Task<TimeSpan> UntilAWriteSucceedsAsync(CrashRig rig, Ledger ledger)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var personId = rig.Citizens[1].PersonId;
            var answer = await Client.PostAsync(rig.Address, "/api/appearances", rig.Register.AdminKey, new { personId, office = "KGD-01" });
            ledger.Add(new Attempt("appearance", personId, answer, answer.IsSuccess ? System.Text.Json.JsonDocument.Parse(answer.Body).RootElement.GetProperty("factId").GetString() : null, null));
            if (answer.IsSuccess)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }
}
