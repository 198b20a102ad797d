using System.Text.Json;
using Muster.Core.Facts;
using static Muster.Propagation.Tests.Support.Facts;

namespace Muster.Propagation.Tests;

/// <summary>The agency feed on a real `muster serve` (SQLite): a week of changes read live and read again from cursor 0; input and roles.</summary>
public sealed class FeedTests
{
    private const string Start = "2026-03-02T06:00:00Z";

    [Fact]
    public async Task A_consumer_starting_from_cursor_zero_after_a_week_gets_exactly_what_a_live_consumer_got()
    {
        await using var register = await Deployment.CreateAsync(null, Start);
        // A cohort placed four weeks before: its interim measures start during the week.
        var early = Enumerable.Range(0, 12).Select(i => $"e{i:D2}").ToList();
        await register.ImportAsync(early.SelectMany(p => new Fact[] { Registered(p, "2025-06-01T00:00:00Z"), Placed(p, "s1", "2026-02-01T08:00:00Z") }));
        var node = await register.StartNodeAsync();

        string[] agencies = ["border", "tax", "credit"];
        var live = agencies.ToDictionary(a => a, _ => new List<string>());
        var cursors = agencies.ToDictionary(a => a, _ => 0L);
        for (var day = 0; day < 7; day++)
        {
            var now = I(Start) + NodaTime.Duration.FromDays(day);
            var at = Core.Serialization.TimeFormats.Format(now);
            register.SetClock(at);
            var facts = new List<Fact>();
            for (var i = 0; i < 6; i++)
            {
                var p = $"d{day}-{i}";
                facts.Add(Registered(p, "2025-06-01T00:00:00Z"));
                facts.Add(Placed(p, "s1", at));
            }

            if (day >= 2)
            {
                facts.Add(Appeared($"d{day - 2}-0", at));
                facts.Add(Cancelled($"d{day - 1}-1", "s1", at));
                facts.Add(Appeared(early[day], at));
            }

            if (day == 4)
            {
                facts.Add(Retracted("d3-2", "d3-2-s1-placed", at));
            }

            await register.ImportAsync(facts);
            await register.WaitSweptAsync(at);
            foreach (var agency in agencies)
            {
                // The live consumer: small pages, resuming from its own cursor every day.
                while (true)
                {
                    var page = await node.GetJsonAsync(register.AgencyKey(agency), $"/api/feed?after={cursors[agency]}&limit=4");
                    var ids = page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
                    cursors[agency] = page.GetProperty("next").GetInt64();
                    if (ids.Count == 0)
                    {
                        break;
                    }

                    live[agency].AddRange(ids);
                }
            }
        }

        var all = await register.OutboxAsync();
        Assert.Contains(all, c => c.GetProperty("withdrawn").GetBoolean());
        Assert.Contains(all, c => c.GetProperty("code").GetString() == "credit.new" && c.GetProperty("kind").GetString() == "imposed");
        Assert.Contains(all, c => c.GetProperty("code").GetString() == "credit.new" && c.GetProperty("kind").GetString() == "lifted");
        foreach (var agency in agencies)
        {
            var replay = (await register.OutboxAsync(register.AgencyKey(agency), limit: 7)).Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Equal(live[agency], replay);
            var expected = all.Where(c => c.GetProperty("agency").GetString() == agency).Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.Equal(expected, replay);
            Assert.NotEmpty(replay);
        }

        var taxCodes = (await register.OutboxAsync(register.AgencyKey("tax"))).Select(c => c.GetProperty("code").GetString()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["business.register", "tax.self_employed"], taxCodes);
    }

    [Fact]
    public async Task The_feed_names_what_is_wrong_with_a_request_and_serves_agencies_admins_and_auditors_only()
    {
        await using var register = await Deployment.CreateAsync(null, Start);
        var node = await register.StartNodeAsync();
        var tax = register.AgencyKey("tax");
        foreach (var (path, field) in new[] { ("/api/feed?after=x", "after"), ("/api/feed?after=-1", "after"), ("/api/feed?limit=0", "limit"), ("/api/feed?limit=1001", "limit") })
        {
            var (code, body) = await node.SendAsync(tax, HttpMethod.Get, path);
            Assert.Equal(400, code);
            Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        }

        Assert.Equal(400, (await node.SendAsync(register.AdminKey, HttpMethod.Get, "/api/feed?agency=army")).Code);
        Assert.Equal(200, (await node.SendAsync(register.AdminKey, HttpMethod.Get, "/api/feed")).Code);
        Assert.Equal(403, (await node.SendAsync(register.CitizenKey, HttpMethod.Get, "/api/feed")).Code);
        Assert.Equal(401, (await node.SendAsync(null, HttpMethod.Get, "/api/feed")).Code);
        var (_, empty) = await node.SendAsync(tax, HttpMethod.Get, "/api/feed?after=42");
        Assert.Equal(42, JsonDocument.Parse(empty).RootElement.GetProperty("next").GetInt64());
    }
}
