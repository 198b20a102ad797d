using System.Net;
using System.Net.Sockets;
using Muster.Api.Tests.Support;
using static Muster.Api.Tests.Support.PrometheusText;

namespace Muster.Api.Tests;

/// <summary>
/// GET /metrics on a real `muster serve` (one of its own per test, so every counter starts at zero):
/// after API calls the Muster series say what happened — facts by type, border checks by decision,
/// access-log writes, webhook failures and parking, outbox depth, sweeper lag, readiness — next to
/// ASP.NET Core's request durations; and never a person's data.
/// </summary>
public abstract class MetricsContract
{
    protected abstract ApiServer NewServer(IReadOnlyDictionary<string, string>? settings);

    private Task WithServerAsync(IReadOnlyDictionary<string, string>? settings, Func<ApiServer, Task> test) => NewServer(settings).RunAsync(test);

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches a scrape briefly, sampled gauges lag a little).</summary>
    private static async Task<string> ScrapeUntilAsync(ApiServer api, Func<string, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string body;
        do
        {
            var reply = await api.GetAsync(null, "/metrics");
            Assert.True(reply.Code == 200, reply.ToString());
            body = reply.Body;
            if (done(body))
            {
                return body;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"/metrics never showed {what}:\n{body}");
        return body;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again at once: nothing answers there
    }

    [Fact]
    public Task After_api_calls_the_muster_series_count_what_happened_and_name_no_person() => WithServerAsync(
        new Dictionary<string, string>
        {
            ["Metrics:SampleSeconds"] = "0.2",
            ["Propagation:SweepIntervalSeconds"] = "0.2",
            ["Propagation:DispatchPollSeconds"] = "0.05",
            ["Propagation:BackoffBaseSeconds"] = "0.05",
            ["Propagation:BackoffMaxSeconds"] = "0.1",
            ["Propagation:MaxFailures"] = "2",
            ["Propagation:AllowInsecureLoopbackWebhooks"] = "true",
        },
        async api =>
        {
            var first = await ScrapeUntilAsync(api, b => Has(b, "muster_ready"), "readiness");
            Assert.Equal(2, Sum(first, "muster_facts_appended_total", ("type", "person.registered")));
            Assert.Equal(1, Sum(first, "muster_ready"));

            var hook = await api.PostAsync("agency", "/api/webhooks", new { url = $"http://127.0.0.1:{ClosedPort()}/muster" });
            Assert.True(hook.Code == 201, hook.ToString());
            await api.PlaceSummonsAsync();

            var before = await ScrapeUntilAsync(api, b => Sum(b, "muster_facts_appended_total", ("type", "summons.placed")) == 1, "the summons");
            var decisions = new List<string>();
            foreach (var (document, birthDate) in new[] { ("750000001", "1997-04-12"), ("750000001", "1997-04-12"), ("750000001", "1997-04-12"), ("999999999", "1990-01-01"), ("750000002", "1990-01-01") })
            {
                var check = await api.PostAsync("border", "/api/border/checks", new { documentNumber = document, issuingState = "RUS", birthDate });
                Assert.True(check.Code == 200, check.ToString());
                decisions.Add(check.Text("decision"));
            }

            // On SQLite the reads reach the access log when the journal moves, moments after they are answered.
            var after = await ScrapeUntilAsync(
                api,
                b => Sum(b, "muster_border_checks_total") == 5 && Sum(b, "muster_access_log_writes_total") - Sum(before, "muster_access_log_writes_total") >= 3,
                "five border checks, their reads in the access log");
            Assert.Equal(decisions.Count(d => d == "allow"), Sum(after, "muster_border_checks_total", ("decision", "allow")));
            Assert.Equal(decisions.Count(d => d == "deny"), Sum(after, "muster_border_checks_total", ("decision", "deny")));
            Assert.Equal(3, Sum(after, "muster_access_log_writes_total") - Sum(before, "muster_access_log_writes_total")); // one holder, three checks
            Assert.Equal(5, Sum(after, "http_server_request_duration_seconds_count", ("http_route", "/api/border/checks")));
            Assert.True(Sum(after, "http_server_request_duration_seconds_sum", ("http_route", "/api/border/checks")) > 0);

            // The restrictions start: the sweeper imposes them, the tax changes wait in the outbox, the dead endpoint fails twice and is parked.
            var status = await api.GetAsync("admin", $"/api/persons/{ApiServer.Own}/status");
            var due = DateTimeOffset.Parse(status.Text("nextChangeAt"), System.Globalization.CultureInfo.InvariantCulture);
            api.SetClock($"{due.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
            var parked = await ScrapeUntilAsync(api, b => Sum(b, "muster_webhook_subscriptions_parked_total", ("agency", "tax")) == 1 && Sum(b, "muster_outbox_depth", ("agency", "tax")) > 0
                && Sum(b, "muster_sweeper_lag_seconds") == 0, "the parked subscription, the sweep done");
            var taxChanges = (await api.GetAsync("admin", "/api/feed?agency=tax")).Json.GetProperty("changes").GetArrayLength();
            Assert.True(taxChanges > 0);
            Assert.Equal(2, Sum(parked, "muster_webhook_deliveries_failed_total", ("agency", "tax")));
            Assert.Equal(taxChanges, Sum(parked, "muster_outbox_depth", ("agency", "tax")));
            Assert.Equal(0, Sum(parked, "muster_sweep_facts_pending"));
            Assert.Equal(1, Sum(parked, "muster_ready"));

            foreach (var personal in new[] { ApiServer.Own, "750000001", "3901000001", "Смирнов", "SMIRNOV", "1997-04-12", hook.Text("secret") })
            {
                Assert.DoesNotContain(personal, parked);
            }
        });
}

public sealed class SqliteMetrics : MetricsContract
{
    protected override ApiServer NewServer(IReadOnlyDictionary<string, string>? settings) => new SqliteApiServer { Settings = settings };

    [Fact]
    public async Task Metrics_can_be_kept_to_the_monitoring_network_or_switched_off()
    {
        foreach (var settings in new Dictionary<string, string>[] { new() { ["Metrics:AllowFrom:0"] = "10.20.0.0/16" }, new() { ["Metrics:Enabled"] = "false" } })
        {
            await NewServer(settings).RunAsync(async api =>
            {
                Assert.Equal(404, (await api.GetAsync(null, "/metrics")).Code);
                Assert.Equal(404, (await api.GetAsync("admin", "/metrics")).Code);
                Assert.Equal(200, (await api.GetAsync(null, "/readyz")).Code);
            });
        }
    }
}

public sealed class PostgresMetrics : MetricsContract
{
    protected override ApiServer NewServer(IReadOnlyDictionary<string, string>? settings) => new PostgresApiServer { Settings = settings };
}
