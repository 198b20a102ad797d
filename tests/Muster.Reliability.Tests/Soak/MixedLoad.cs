using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Soak;

/// <summary>
/// A soak: four clients send a mix at a steady 200 requests/s — border checks, status reads, agency feed
/// reads, new summonses, appearances — to a real `muster serve` on a register of 2,000 persons, with its sweeper and webhook
/// deliveries running and legal time moving six hours every five seconds, for MUSTER_SOAK_SECONDS (120 in
/// CI; 1800 is the documented long mode). Per window: requests, errors, latency percentiles, the server's
/// RSS, its managed heap after the last collection and the database's size. The register grows all the
/// time (every write is kept), so memory that caches it grows with it: the test asks that, after the
/// first window (warm-up), the managed heap grows no more than the database does (+ 50 MB) — a leak
/// would outrun it — and p99 of the last third no more than ×2 + 50 ms of the first third. No errors;
/// every acknowledged write is in the log.
/// The table goes to the test output and to docs/reliability/soak.txt.
/// </summary>
public sealed class MixedLoad(ITestOutputHelper output)
{
    private const string Start = "2026-03-02T06:00:00Z";
    private const int Persons = 2_000;
    private const int Clients = 4;
    private const int RatePerClient = 50;

    [Fact]
    public async Task Mixed_load_for_the_soak_time_has_no_errors_no_memory_growth_beyond_the_data_and_no_growing_p99()
    {
        var duration = TimeSpan.FromSeconds(Campaign.SoakSeconds);
        var windowLength = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 8, 10, 60));
        await using var register = await Deployment.CreateAsync(null, Start);
        await MusterCli.RunAsync("offices", "add", "--db", register.Db, "--code", "MOW-07", "--region", "RU-MOW");
        var borderKey = await MusterCli.CreateKeyAsync(register.Db, "--role", "border");
        var persons = Enumerable.Range(0, Persons).Select(i => $"p-soak-{i:D5}").ToList();
        await register.ImportAsync(persons.SelectMany((p, i) => i % 2 == 0
            ? new Fact[] { Facts.Registered(p, "2025-06-01T00:00:00Z"), Facts.Placed(p, "s0", "2026-02-20T08:00:00Z") }
            : [Facts.Registered(p, "2025-06-01T00:00:00Z")]));
        var documents = persons.Select(p => Facts.Registered(p, Start).Documents[0].Number).ToList();
        await using var receiver = await WebhookReceiver.StartAsync();
        var node = await register.StartNodeAsync();
        var sqlite = register.Db["sqlite:".Length..];
        await register.SubscribeAsync(node, receiver, "border");
        await register.SubscribeAsync(node, receiver, "tax");

        var ledger = new Ledger();
        var windows = new List<LoadWindow> { new(1, TimeSpan.Zero) };
        var clock = Stopwatch.StartNew();
        var now = Facts.I(Start);
        using (var stop = new CancellationTokenSource(duration))
        {
            var load = Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c))).ToList();
            for (var tick = 1; !stop.IsCancellationRequested; tick++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                if (tick % 5 == 0)
                {
                    now += Duration.FromHours(6);
                    register.SetClock(TimeFormats.Format(now));
                }

                if (clock.Elapsed >= windows[^1].Start + windowLength && !stop.IsCancellationRequested)
                {
                    await windows[^1].SampleAsync(node.Pid, node.Address, sqlite);
                    windows.Add(new LoadWindow(windows.Count + 1, clock.Elapsed));
                }
            }

            await windows[^1].SampleAsync(node.Pid, node.Address, sqlite);
            await Task.WhenAll(load);

            async Task ClientAsync(int client)
            {
                var random = new Random(Campaign.Mix(Campaign.Seed, client));
                var pace = Stopwatch.StartNew();
                for (var sent = 0L; !stop.IsCancellationRequested; sent++)
                {
                    // A steady rate, not as fast as possible: latency then measures the server, not a queue of our own making.
                    var due = TimeSpan.FromSeconds(sent / (double)RatePerClient) - pace.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, CancellationToken.None);
                    }

                    var i = random.Next(Persons);
                    var person = persons[i];
                    var roll = random.Next(100);
                    var (what, answer) = roll switch
                    {
                        < 40 => ("border", await Client.PostAsync(node.Address, "/api/border/checks", borderKey, new { documentNumber = documents[i], issuingState = "RUS", birthDate = "1998-05-17" })),
                        < 60 => ("status", await Client.GetAsync(node.Address, $"/api/persons/{person}/status", register.AdminKey)),
                        < 70 => ("feed", await Client.GetAsync(node.Address, $"/api/feed?after={random.Next(0, 50)}&limit=100", register.AgencyKey("tax"))),
                        < 85 => ("place", await Client.PostAsync(node.Address, "/api/summonses", register.AdminKey, new
                        {
                            personId = person, office = "MOW-07", purpose = "soak",
                            appearanceAt = (now + Duration.FromDays(3)).InUtc().Date.At(new LocalTime(10, 0)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                        })),
                        _ => ("appearance", await Client.PostAsync(node.Address, "/api/appearances", register.AdminKey, new { personId = person, office = "MOW-07" })),
                    };
                    windows[^1].Add(answer, !answer.IsSuccess);
                    if (what is "place" or "appearance")
                    {
                        var factId = answer.IsSuccess ? JsonDocument.Parse(answer.Body).RootElement.GetProperty(what == "place" ? "placedFactId" : "factId").GetString() : null;
                        ledger.Add(new Attempt(what, person, answer, factId, null));
                    }
                    else if (!answer.IsSuccess)
                    {
                        ledger.Add(new Attempt(what, person, answer, null, null));
                    }
                }
            }
        }

        var outcome = await Reconciliation.CheckAsync(register.Db, ledger, [], now);
        var measured = windows.Skip(1).Where(w => w.Requests > 0).ToList();
        var third = Math.Max(1, measured.Count / 3);
        var firstP99 = Median(measured.Take(third).Select(w => w.Percentile(99)));
        var lastP99 = Median(measured.TakeLast(third).Select(w => w.Percentile(99)));
        var (first, last) = (measured.First(), measured.Last());
        var heapAllowed = first.HeapMegabytes + Math.Max(0, last.DatabaseMegabytes - first.DatabaseMegabytes) + 50;
        var total = windows.Sum(w => w.Requests);
        Figures.Report(output, "soak",
            $"{duration.TotalSeconds:F0} s of mixed load ({Clients} clients at {RatePerClient} requests/s each: 40 % border checks, 20 % status reads, 10 % feed reads, 15 % new summonses, 15 % appearances) " +
            $"on {Persons} persons, legal time moving 6 h every 5 s, sweeper and webhooks running; {total} requests ({total / duration.TotalSeconds:F0}/s), " +
            $"{windows.Sum(w => w.Errors)} errors; {receiver.Arrivals.Count} changes delivered to the webhook receiver\n\n{LoadWindow.Header}\n{string.Join("\n", windows)}\n\n" +
            $"after warm-up: managed heap {first.HeapMegabytes:F0} → {last.HeapMegabytes:F0} MB (allowed ≤ {heapAllowed:F0}: the database grew {first.DatabaseMegabytes:F0} → {last.DatabaseMegabytes:F0} MB); " +
            $"RSS {first.RssMegabytes:F0} → {last.RssMegabytes:F0} MB; p99 median of the first third {firstP99:F1} ms, of the last third {lastP99:F1} ms (allowed ≤ {firstP99 * 2 + 50:F1})\n" +
            $"{outcome.Acknowledged} acknowledged writes (summonses, appearances): {outcome.Lost} lost; projections of {outcome.Persons} persons: {outcome.Problems.Count} inconsistencies");
        Assert.Equal(0, windows.Sum(w => w.Errors));
        Assert.True(measured.Count >= 2, $"only {measured.Count} windows after warm-up");
        Assert.True(last.HeapMegabytes <= heapAllowed, $"the managed heap grew from {first.HeapMegabytes:F0} MB to {last.HeapMegabytes:F0} MB, more than the database ({first.DatabaseMegabytes:F0} → {last.DatabaseMegabytes:F0} MB)");
        Assert.True(lastP99 <= firstP99 * 2 + 50, $"p99 grew from {firstP99:F1} ms to {lastP99:F1} ms");
        Assert.True(outcome.Problems.Count == 0 && outcome.Lost == 0, outcome.ToString());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
