using System.Diagnostics;
using System.Text.Json;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Propagation;
using Muster.Storage;
using Xunit.Abstractions;
using static Muster.Propagation.Tests.Support.Facts;

namespace Muster.Propagation.Tests;

/// <summary>
/// Several nodes on one PostgreSQL database: two real `muster serve` processes; the leader is SIGKILLed
/// mid-sweep and mid-dispatch, cycle after cycle (a replacement node is started each time, so there are
/// always two). At the end the webhook receiver, de-duplicating by id, holds exactly the changes the
/// facts call for; nothing overtook an earlier change of the same person; and another node took over
/// within 10 s every time. CI runs 3 cycles; MUSTER_FAILOVER_CYCLES=N runs more (docs/integration.md).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresCluster cluster, ITestOutputHelper output)
{
    private const string Start = "2026-03-02T06:00:00Z";
    private static readonly string[] Agencies = ["border", "tax", "property", "traffic", "credit"];

    private static int Cycles => int.TryParse(Environment.GetEnvironmentVariable("MUSTER_FAILOVER_CYCLES"), out var n) && n > 0 ? n : 3;

    [Fact]
    public async Task Killing_the_leader_mid_sweep_and_mid_dispatch_loses_nothing_and_keeps_each_persons_order()
    {
        await using var register = await Deployment.CreateAsync(cluster, Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(60);
        var settings = new Dictionary<string, string>
        {
            ["Propagation:SweepBatch"] = "10",
            ["Propagation:WebhookBatch"] = "3",
            ["Propagation:LeaderCheckSeconds"] = "1", // the production default: takeover must fit in 10 s with it
        };
        var names = 0;
        await Task.WhenAll(register.StartNodeAsync(settings, $"node{++names}"), register.StartNodeAsync(settings, $"node{++names}"));
        foreach (var agency in Agencies)
        {
            await register.SubscribeAsync(register.Nodes[0], receiver, agency);
        }

        var persons = new List<string>();
        int midSweep = 0, midDispatch = 0;
        var takeovers = new List<TimeSpan>();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var now = Core.Serialization.TimeFormats.Format(I(Start) + NodaTime.Duration.FromDays(14 * cycle));
            register.SetClock(now);
            var cohort = Enumerable.Range(0, 150).Select(i => $"c{cycle}-{i:D3}").ToList();
            persons.AddRange(cohort);
            var facts = cohort.SelectMany(p => new Fact[] { Registered(p, "2025-06-01T00:00:00Z"), Placed(p, "s1", now) }).ToList();
            if (cycle > 0)
            {
                facts.AddRange(Enumerable.Range(0, 50).Select(i => Appeared($"c{cycle - 1}-{i:D3}", now)));
            }

            var tip = (await LeaderAsync(register)).GetProperty("outboxTip").GetInt64();
            var arrived = receiver.Arrivals.Count;

            // A slow receiver until the mid-dispatch kill: the cycle's deliveries must outlast the
            // mid-sweep takeover and the start of a replacement node, which on a busy machine can take
            // as long as delivering everything at the usual pace (then no kill would land mid-dispatch).
            receiver.Delay = TimeSpan.FromMilliseconds(400);
            await register.ImportAsync(facts);

            // Mid-sweep: as soon as the leader has committed a first sweep transaction of this cycle.
            await Deployment.WaitAsync(async () => await register.LeaderStatusAsync() is { } s && s.GetProperty("outboxTip").GetInt64() > tip, "a sweep to start");
            var status = await LeaderAsync(register);
            midSweep += status.GetProperty("factCursor").GetInt64() < status.GetProperty("factTip").GetInt64() ? 1 : 0;
            takeovers.Add(await KillLeaderAsync(register, settings, $"node{++names}"));

            // Mid-dispatch: as soon as the receiver has got something new, while more is on its way.
            await Deployment.WaitAsync(() => Task.FromResult(receiver.Arrivals.Count > arrived + 3), "deliveries to start");
            var before = await register.OutboxAsync();
            midDispatch += receiver.Arrivals.Select(a => a.Id).Distinct().Count() < before.Count ? 1 : 0;
            takeovers.Add(await KillLeaderAsync(register, settings, $"node{++names}"));
            receiver.Delay = TimeSpan.FromMilliseconds(60);
        }

        var end = Core.Serialization.TimeFormats.Format(I(Start) + NodaTime.Duration.FromDays(14 * Cycles));
        register.SetClock(end);
        await register.WaitSweptAsync(end, TimeSpan.FromSeconds(120));
        await register.WaitDeliveredAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"{Cycles} cycles: {midSweep} kills mid-sweep, {midDispatch} mid-dispatch; takeovers {string.Join(", ", takeovers.Select(t => $"{t.TotalSeconds:F1}s"))}; " +
            $"{receiver.Requests} requests, {receiver.Arrivals.Count} arrivals");

        // What the facts call for, computed here from the log alone.
        var expected = await ExpectedAsync(register.Db, persons, I(end));
        var outbox = await register.OutboxAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), outbox.Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, outbox.Count).Select(i => (long)i), outbox.Select(c => c.GetProperty("seq").GetInt64()));
        var arrivals = receiver.Arrivals;
        Assert.Equal(expected.Order(StringComparer.Ordinal), arrivals.Select(a => a.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(arrivals, a => Assert.Equal(a.Endpoint, a.Agency));
        Assert.Equal(0, receiver.BadSignatures);
        Orders.AssertNothingOvertakes(arrivals, outbox.GroupBy(c => c.GetProperty("agency").GetString() + "|" + c.GetProperty("personId").GetString())
            .ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("seq").GetInt64()).ToArray()));
        Assert.All(takeovers, t => Assert.True(t < TimeSpan.FromSeconds(10), $"takeover took {t.TotalSeconds:F1} s"));
        Assert.True(midSweep > 0, "no kill landed mid-sweep");
        Assert.True(midDispatch > 0, "no kill landed mid-dispatch");
    }

    private static async Task<JsonElement> LeaderAsync(Deployment register)
    {
        JsonElement? status = null;
        await Deployment.WaitAsync(async () => (status = await register.LeaderStatusAsync()) is not null, "a leader", TimeSpan.FromSeconds(30));
        return status!.Value;
    }

    /// <summary>SIGKILLs the leader, times how long until another node leads, and starts a replacement node.</summary>
    private static async Task<TimeSpan> KillLeaderAsync(Deployment register, IReadOnlyDictionary<string, string> settings, string name)
    {
        var leaderId = (await LeaderAsync(register)).GetProperty("node").GetString()!;
        var leader = register.Nodes.Single(n => !n.HasExited && leaderId.EndsWith(":" + n.Pid, StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        leader.Kill();
        await Deployment.WaitAsync(async () => await register.LeaderStatusAsync() is not null, "another node to lead", TimeSpan.FromSeconds(30));
        var takeover = clock.Elapsed;
        register.Forget(leader);
        await leader.DisposeAsync();
        await register.StartNodeAsync(settings, name);
        return takeover;
    }

    private static async Task<HashSet<string>> ExpectedAsync(string db, IEnumerable<string> persons, NodaTime.Instant now)
    {
        var policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
        await using var store = await StoreFactory.OpenAsync(db, new StoreOptions(new TestClock(now), policies));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in persons)
        {
            var stream = await store.ReadPersonAsync(p);
            foreach (var change in ChangeReconciler.Pending(Evaluator.Timeline(stream.Facts, policies, now), [], now))
            {
                ids.Add(change.Id);
            }
        }

        return ids;
    }
}
