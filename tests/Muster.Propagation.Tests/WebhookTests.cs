using System.Text.Json;
using Muster.Core.Facts;
using static Muster.Propagation.Tests.Support.Facts;

namespace Muster.Propagation.Tests;

/// <summary>Webhooks end to end: a real `muster serve` (SQLite) delivering to a real HTTP receiver in the test process.</summary>
public sealed class WebhookTests
{
    private const string Start = "2026-03-02T06:00:00Z";

    private static IEnumerable<Fact> Cohort(int count, string placedAt) =>
        Enumerable.Range(0, count).SelectMany(i => new Fact[] { Registered($"p{i:D3}", "2025-06-01T00:00:00Z"), Placed($"p{i:D3}", "s1", placedAt) });

    [Fact]
    public async Task A_receiver_that_fails_half_the_calls_still_ends_with_every_change_signed_and_nothing_out_of_order()
    {
        await using var register = await Deployment.CreateAsync(null, Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailureRate = 0.5;
        var node = await register.StartNodeAsync(new Dictionary<string, string> { ["Propagation:WebhookBatch"] = "7" });
        foreach (var agency in new[] { "border", "tax", "traffic" })
        {
            await register.SubscribeAsync(node, receiver, agency);
        }

        await register.ImportAsync(Cohort(40, "2026-02-01T08:00:00Z"));
        await register.WaitSweptAsync(Start);
        register.SetClock("2026-03-03T06:00:00Z");
        await register.ImportAsync(Enumerable.Range(0, 20).Select(i => Appeared($"p{i:D3}", "2026-03-03T06:00:00Z")));
        await register.WaitSweptAsync("2026-03-03T06:00:00Z");
        await register.WaitDeliveredAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(0, receiver.BadSignatures);
        Assert.True(receiver.Failed > 5, $"only {receiver.Failed} failures");
        var outbox = await register.OutboxAsync();
        var arrivals = receiver.Arrivals;
        foreach (var agency in new[] { "border", "tax", "traffic" })
        {
            var expected = outbox.Where(c => c.GetProperty("agency").GetString() == agency).Select(c => c.GetProperty("id").GetString()!).ToHashSet();
            Assert.Equal(expected.Order(StringComparer.Ordinal), arrivals.Where(a => a.Endpoint == agency).Select(a => a.Id).Distinct().Order(StringComparer.Ordinal));
        }

        Assert.DoesNotContain(arrivals, a => a.Agency is "property" or "credit");
        Orders.AssertNothingOvertakes(arrivals, outbox.GroupBy(c => c.GetProperty("agency").GetString() + "|" + c.GetProperty("personId").GetString())
            .ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("seq").GetInt64()).ToArray()));
    }

    [Fact]
    public async Task A_subscription_is_parked_after_the_failures_allowed_and_a_replay_resumes_it_from_the_cursor_given()
    {
        await using var register = await Deployment.CreateAsync(null, Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Down = true;
        var node = await register.StartNodeAsync(new Dictionary<string, string> { ["Propagation:MaxFailures"] = "3", ["Propagation:WebhookBatch"] = "4" });
        var id = await register.SubscribeAsync(node, receiver, "border");
        await register.ImportAsync(Cohort(10, Start));
        var border = register.AgencyKey("border");
        await Deployment.WaitAsync(async () => (await node.GetJsonAsync(border, $"/api/webhooks/{id}")).GetProperty("status").GetString() == "parked", "parking");
        var parked = await node.GetJsonAsync(border, $"/api/webhooks/{id}");
        Assert.Equal((3, 0L, "HTTP 500"), (parked.GetProperty("failures").GetInt32(), parked.GetProperty("cursor").GetInt64(), parked.GetProperty("lastError").GetString()));
        Assert.False(parked.TryGetProperty("secret", out _));

        receiver.Down = false;
        var requests = receiver.Requests;
        await Task.Delay(1000);
        Assert.Equal(requests, receiver.Requests); // parked: nothing is sent until a replay

        var (code, body) = await node.SendAsync(border, HttpMethod.Post, $"/api/webhooks/{id}/replay?from=0");
        Assert.True(code == 200, body);
        await register.WaitDeliveredAsync();
        Assert.Equal(10, receiver.Arrivals.Select(a => a.Id).Distinct().Count());

        var before = receiver.Arrivals.Count;
        Assert.Equal(200, (await node.SendAsync(border, HttpMethod.Post, $"/api/webhooks/{id}/replay?from=6")).Code);
        await register.WaitDeliveredAsync();
        Assert.Equal([7L, 8L, 9L, 10L], receiver.Arrivals.Skip(before).Select(a => a.Seq));
        Assert.Equal(400, (await node.SendAsync(border, HttpMethod.Post, $"/api/webhooks/{id}/replay")).Code);
    }

    [Fact]
    public async Task Subscriptions_are_https_per_agency_and_show_their_secret_once()
    {
        await using var register = await Deployment.CreateAsync(null, Start);
        var node = await register.StartNodeAsync();
        var tax = register.AgencyKey("tax");
        foreach (var url in new[] { "http://example.org/hook", "ftp://127.0.0.1/x", "not a url", "https://user:pw@example.org/hook" })
        {
            var (code, body) = await node.SendAsync(tax, HttpMethod.Post, "/api/webhooks", new { url });
            Assert.True(code == 400, $"{url}: {code} {body}");
            Assert.Equal("url", JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        }

        var (created, text) = await node.SendAsync(tax, HttpMethod.Post, "/api/webhooks", new { url = "https://tax.example.org/muster" });
        Assert.Equal(201, created);
        var hook = JsonDocument.Parse(text).RootElement;
        var id = hook.GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", hook.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal("tax", hook.GetProperty("agency").GetString());

        Assert.Equal(403, (await node.SendAsync(tax, HttpMethod.Post, "/api/webhooks", new { url = "https://x.example.org/", agency = "border" })).Code);
        Assert.Equal(400, (await node.SendAsync(register.AdminKey, HttpMethod.Post, "/api/webhooks", new { url = "https://x.example.org/", agency = "army" })).Code);
        Assert.Equal(404, (await node.SendAsync(register.AgencyKey("border"), HttpMethod.Get, $"/api/webhooks/{id}")).Code);
        Assert.Equal(404, (await node.SendAsync(register.AgencyKey("border"), HttpMethod.Delete, $"/api/webhooks/{id}")).Code);
        Assert.Equal(0, (await node.GetJsonAsync(register.AgencyKey("border"), "/api/webhooks")).GetArrayLength());
        var listed = (await node.GetJsonAsync(tax, "/api/webhooks")).EnumerateArray().Single();
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.Equal(403, (await node.SendAsync(register.CitizenKey, HttpMethod.Get, "/api/webhooks")).Code);
        Assert.Equal(204, (await node.SendAsync(tax, HttpMethod.Delete, $"/api/webhooks/{id}")).Code);
        Assert.Equal(404, (await node.SendAsync(tax, HttpMethod.Get, $"/api/webhooks/{id}")).Code);
    }
}
