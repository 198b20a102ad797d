using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Muster.Core.Evaluation;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Concurrency;

/// <summary>
/// Eight clients act on the same person at once — place summonses, open them (the citizen), hand them
/// over, record appearances and deferments, cancel, retract — half of them with If-Match on the version
/// they just read. The person's log must then be some serial order of exactly the acknowledged writes:
/// each at the position its answer's version names (so versions are dense and none was given twice),
/// each a legal decision on the facts before it (no lost update), every If-Match write directly after
/// the version it named; and the status the API shows is the evaluator's answer on that log.
/// </summary>
public abstract class OnePersonManyClients(ApiServer api, ITestOutputHelper output)
{
    private const int Clients = 8;
    private const string Person = ApiServer.Own;

    private sealed record Op(string Name, long? IfMatch, Answer Answer, string? FactId, long? Version);

    protected abstract string Engine { get; }

    [Fact]
    public async Task Concurrent_acts_on_one_person_end_in_a_serial_order_of_the_acknowledged_writes()
    {
        api.SetClock(ApiServer.Start);
        var summonses = new ConcurrentBag<string>();
        var facts = new ConcurrentBag<string>();
        for (var i = 0; i < 2; i++)
        {
            var (summonsId, placed) = await api.PlaceSummonsAsync(Person);
            summonses.Add(summonsId);
            facts.Add(placed);
        }

        var before = facts.ToHashSet(StringComparer.Ordinal);

        var ops = new ConcurrentQueue<Op>();
        var budget = Campaign.ConcurrencyOps;
        var now = Facts.I(ApiServer.Start);
        using (var done = new CancellationTokenSource())
        {
            // The clock moves a minute every 50 ms meanwhile: acts get distinct instants, so an appearance lifts only what was placed before it.
            var clock = Task.Run(async () =>
            {
                while (!done.IsCancellationRequested)
                {
                    await Task.Delay(50, CancellationToken.None);
                    now += NodaTime.Duration.FromMinutes(1);
                    api.SetClock(Muster.Core.Serialization.TimeFormats.Format(now));
                }
            });
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                var random = new Random(Campaign.Mix(Campaign.Seed, c));
                while (Interlocked.Decrement(ref budget) >= 0)
                {
                    ops.Enqueue(await ActAsync(random, summonses, facts));
                }
            })));
            await done.CancelAsync();
            await clock;
        }

        await using var store = await Reconciliation.OpenAsync(api.Db, now);
        var log = (await store.ReadPersonAsync(Person)).Facts;
        var all = ops.ToList();
        var acknowledged = all.Where(o => o.Answer.IsSuccess).ToList();
        var later = now + NodaTime.Duration.FromDays(45); // after the deferments: what the summonses left standing
        var shown = await ShownAsync(now);
        var shownLater = await ShownAsync(later);
        var evaluated = Codes(Evaluator.Evaluate(log, Reconciliation.Policies, now, now));
        var evaluatedLater = Codes(Evaluator.Evaluate(log, Reconciliation.Policies, later, now));
        var timeline = await Client.GetAsync(api.Server.Address, $"/api/persons/{Person}/timeline", api.Key("admin"));
        var intervalsShown = JsonDocument.Parse(timeline.Body).RootElement.GetProperty("intervals").EnumerateArray()
            .Select(i => $"{i.GetProperty("code").GetString()} {i.GetProperty("from").GetString()}..{(i.TryGetProperty("until", out var u) ? u.GetString() : "")} {i.GetProperty("summonsId").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        var intervalsEvaluated = Evaluator.Timeline(log, Reconciliation.Policies, now).Intervals
            .Select(i => $"{i.Code} {Muster.Core.Serialization.TimeFormats.Format(i.Start)}..{(i.End is { } e ? Muster.Core.Serialization.TimeFormats.Format(e) : "")} {i.SummonsId}")
            .Order(StringComparer.Ordinal).ToList();
        var projection = await store.GetStatusAsync(Person);
        var violations = SerialOrder.Violations(Person, log);

        Figures.Report(output, $"concurrency-{Engine}",
            $"{Engine}: {Clients} clients, {all.Count} acts on one person ({all.Count(o => o.IfMatch is not null)} with If-Match): " +
            $"{acknowledged.Count} acknowledged, " + string.Join(", ", all.Where(o => !o.Answer.IsSuccess).GroupBy(o => o.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")) +
            $"; the log holds {log.Count} facts, {violations.Count} out of serial order; status shown now [{string.Join(",", shown)}] and in 45 days [{string.Join(",", shownLater)}], " +
            $"evaluated from the log [{string.Join(",", evaluated)}] and [{string.Join(",", evaluatedLater)}]; {intervalsShown.Count} restriction intervals in the timeline; " +
            $"{all.Count(o => o.IfMatch is null && o.Answer.Status == 409 && o.Answer.Body.Contains("kept changing", StringComparison.Ordinal))} acts without If-Match gave up (409) after the server's own retries");

        Assert.All(all, o => Assert.True(o.Answer.IsSuccess || (o.Answer.Status is 404 or 409 or 412 && o.Answer.IsProblem), $"{o.Name}: {o.Answer}"));
        Assert.All(all.Where(o => o.Answer.Status == 412), o => Assert.True(o.IfMatch is not null, $"{o.Name} without If-Match answered 412: {o.Answer}"));
        Assert.Empty(violations);
        foreach (var o in acknowledged)
        {
            var at = log.ToList().FindIndex(f => f.Id == o.FactId);
            Assert.True(at >= 0, $"acknowledged {o.Name} {o.FactId} is not in the log");
            if (o.Name == "open")
            {
                // Opening an opened summons appends nothing and answers the standing fact with the current version.
                Assert.True(at < o.Version, $"open {o.FactId} at position {at + 1}, answered version {o.Version}");
            }
            else if (o.Version is { } version)
            {
                Assert.True(at + 1 == version, $"{o.Name} {o.FactId} answered version {version} but is fact {at + 1} of the log");
            }

            if (o.IfMatch is { } expected && o.Version is { } after)
            {
                // Appended right after the version it named; an open of an opened summons appends nothing.
                Assert.True(after == expected + 1 || (o.Name == "open" && after == expected), $"{o.Name} with If-Match {expected} answered version {after}");
            }
        }

        // Nothing but the acknowledged writes: no refused or repeated request left a fact behind.
        var answered = acknowledged.Select(o => o.FactId!).Concat(before).Append(log[0].Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(answered.Order(StringComparer.Ordinal), log.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal(log.Count, projection!.Version);
        Assert.Equal(evaluated, shown);
        Assert.Equal(evaluatedLater, shownLater);
        Assert.Equal(intervalsEvaluated, intervalsShown);
        Assert.Equal(evaluated, projection.InForce.Order(StringComparer.Ordinal).ToList());
    }

    private async Task<List<string>> ShownAsync(NodaTime.Instant at)
    {
        var status = await Client.GetAsync(api.Server.Address, $"/api/persons/{Person}/status?at={Muster.Core.Serialization.TimeFormats.Format(at)}", api.Key("admin"));
        return Codes(JsonDocument.Parse(status.Body).RootElement.GetProperty("restrictions").EnumerateArray().Select(r => r.GetProperty("code").GetString()!));
    }

    private static List<string> Codes(PersonStatus status) => Codes(status.InForce.Select(r => r.Code));

    private static List<string> Codes(IEnumerable<string> codes) => [.. codes.Distinct().Order(StringComparer.Ordinal)];

    private async Task<Op> ActAsync(Random random, ConcurrentBag<string> summonses, ConcurrentBag<string> facts)
    {
        long? ifMatch = null;
        if (random.Next(2) == 0)
        {
            var read = await Client.GetAsync(api.Server.Address, $"/api/persons/{Person}", api.Key("admin"));
            ifMatch = JsonDocument.Parse(read.Body).RootElement.GetProperty("version").GetInt64();
        }

        var summons = summonses.ElementAt(random.Next(summonses.Count));
        var fact = facts.ElementAt(random.Next(facts.Count));
        // Appearances (which lift everything placed before them) rarer than the rest, so the end state is seldom empty.
        var (name, caller, path, body) = random.Next(12) switch
        {
            0 or 1 or 2 => ("place", "admin", "/api/summonses", (object)new { personId = Person, office = "KGD-01", appearanceAt = "2026-03-05T15:00" }),
            3 or 4 => ("open", "citizen", $"/api/summonses/{summons}/open", null!),
            5 or 6 => ("handed", "clerk", $"/api/summonses/{summons}/handed", new { }),
            7 => ("appearance", "clerk", "/api/appearances", new { personId = Person }),
            8 => ("cancel", "clerk", $"/api/summonses/{summons}/cancel", new { reason = "issued in error" }),
            9 or 10 => ("retract", "clerk", $"/api/facts/{fact}/retract", new { reason = "recorded in error" }),
            _ => ("deferment", "clerk", "/api/deferments", new { personId = Person, from = "2026-05-01", until = "2026-05-10", basis = "illness" }),
        };
        var answer = await Client.SendAsync(api.Server.Address, HttpMethod.Post, path, api.Key(caller), body,
            r => { if (ifMatch is { } v) { r.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\"")); } });
        string? factId = null;
        long? version = null;
        if (answer.IsSuccess)
        {
            var json = JsonDocument.Parse(answer.Body).RootElement;
            factId = (json.TryGetProperty("placedFactId", out var p) ? p : json.GetProperty("factId")).GetString();
            version = json.TryGetProperty("version", out var v) ? v.GetInt64() : null; // a placement answers the summons, without the version
            facts.Add(factId!);
            if (name == "place")
            {
                summonses.Add(json.GetProperty("summonsId").GetString()!);
            }
        }

        return new Op(name, ifMatch, answer, factId, version);
    }
}

public sealed class OnePersonManyClientsOnSqlite(SqliteApiServer api, ITestOutputHelper output) : OnePersonManyClients(api, output), IClassFixture<SqliteApiServer>
{
    protected override string Engine => "sqlite";
}

public sealed class OnePersonManyClientsOnPostgres(PostgresApiServer api, ITestOutputHelper output) : OnePersonManyClients(api, output), IClassFixture<PostgresApiServer>
{
    protected override string Engine => "postgres";
}
