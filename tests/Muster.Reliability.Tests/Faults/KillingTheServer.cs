using Muster.Core.Serialization;
using NodaTime;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Faults;

/// <summary>
/// SIGKILL `muster serve` while four clients write (persons, summonses, openings, hand-overs, appearances,
/// deferments, cancellations, retractions) and while its sweeper and webhook deliveries run, again and
/// again (MUSTER_FAULT_KILLS, 3 in CI); a new node starts on the same database each time. Afterwards:
/// every acknowledged write is in the log, every person's projections agree with their facts (nothing
/// half there, answered or not), the audit chain verifies, and every change the outbox holds reached the
/// agencies' webhook receiver.
/// </summary>
public abstract class KillingTheServer(ITestOutputHelper output)
{
    protected abstract PostgresCluster? Cluster { get; }

    protected abstract string Engine { get; }

    [Fact]
    public async Task Killed_under_writes_sweeps_and_deliveries_it_loses_no_acknowledged_fact_and_half_writes_none()
    {
        await using var rig = await CrashRig.StartAsync(Cluster, citizens: 4);
        var ledger = new Ledger();
        var writers = new Writers(() => rig.Address, () => rig.Now, rig.Register.AdminKey, rig.Citizens, ledger, Engine);
        var random = new Random(Campaign.Seed);
        int midSweep = 0, midDelivery = 0;
        using (var stop = new CancellationTokenSource())
        {
            var load = writers.RunAsync(4, stop.Token);
            for (var k = 0; k < Campaign.Kills; k++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1500 + random.Next(1500)));
                // Ten days on: measures start for earlier summonses, so the sweeper has persons to re-evaluate and changes to deliver.
                rig.Advance(Duration.FromDays(10));
                await Task.Delay(random.Next(100, 600));
                if (await rig.Register.LeaderStatusAsync() is { } s)
                {
                    midSweep += s.GetProperty("factCursor").GetInt64() < s.GetProperty("factTip").GetInt64() ? 1 : 0;
                    midDelivery += s.GetProperty("webhooks").EnumerateArray().Any(w => w.GetProperty("cursor").GetInt64() < s.GetProperty("outboxTip").GetInt64()) ? 1 : 0;
                }

                await rig.KillAndRestartAsync();
            }

            await Task.Delay(1500);
            await stop.CancelAsync();
            await load;
        }

        await rig.Register.WaitSweptAsync(TimeFormats.Format(rig.Now), TimeSpan.FromSeconds(120));
        await rig.Register.WaitDeliveredAsync(TimeSpan.FromSeconds(120));
        var outbox = (await rig.Register.OutboxAsync()).Select(c => c.GetProperty("id").GetString()!).ToList();
        var arrived = rig.Receiver.Arrivals.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var undelivered = outbox.Where(id => !arrived.Contains(id)).ToList();
        var outcome = await Reconciliation.CheckAsync(rig.Register.Db, ledger, rig.Citizens.Select(c => c.PersonId), rig.Now);
        var audit = await Reconciliation.VerifyAuditChainAsync(rig.Register.Db);
        var rebuild = await Reconciliation.VerifyProjectionsAsync(rig.Register.Db);

        Figures.Report(output, $"faults-kill-{Engine}",
            $"{Engine}: {rig.Kills} SIGKILLs of muster serve under load ({midSweep} while the sweeper had facts to sweep, {midDelivery} while webhooks had changes to deliver)\n" +
            $"{ledger.Summary()}\n{outcome}\n{outbox.Count} outbox changes, {undelivered.Count} not delivered; {rig.Receiver.Requests} webhook requests\n" +
            $"audit verify: {Reconciliation.FirstLine(audit)}\ndb rebuild --verify: {Reconciliation.FirstLine(rebuild)}");
        Assert.True(outcome.Problems.Count == 0, string.Join("\n", outcome.Problems.Take(20)));
        Assert.Equal(0, outcome.Lost);
        Assert.Empty(undelivered);
        Assert.True(ledger.All.Count(a => a.Acknowledged) > 50, ledger.Summary());
        Assert.True(midSweep + midDelivery > 0, "no kill landed while propagation had work");
        Assert.DoesNotContain(ledger.All, a => a.Status >= 500);
    }
}

public sealed class KillingTheSqliteServer(ITestOutputHelper output) : KillingTheServer(output)
{
    protected override PostgresCluster? Cluster => null;

    protected override string Engine => "sqlite";
}

public sealed class KillingThePostgresServer(PostgresCluster cluster, ITestOutputHelper output) : KillingTheServer(output), IClassFixture<PostgresCluster>
{
    protected override PostgresCluster? Cluster => cluster;

    protected override string Engine => "postgres";
}
