using System.Text.Json;
using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

/// <summary>
/// GET /readyz against a real `muster serve` (one of its own per test) whose store goes away and comes
/// back, whose sweeper falls behind, or whose schema a newer muster has migrated: 503 with Retry-After
/// and the failing check named, then 200 again by itself once the cause is gone.
/// </summary>
public abstract class ReadinessContract
{
    protected abstract ApiServer NewServer(IReadOnlyDictionary<string, string>? settings);

    protected abstract Task MakeStoreUnreachableAsync(ApiServer api);

    protected abstract Task MakeStoreReachableAsync(ApiServer api);

    /// <summary>SQL run with the engine's own client, as an operator (or another muster) would.</summary>
    protected abstract Task OutOfBandAsync(ApiServer api, string sql);

    private Task WithServerAsync(IReadOnlyDictionary<string, string>? settings, Func<ApiServer, Task> test) => NewServer(settings).RunAsync(test);

    /// <summary>Asks /readyz until it answers <paramref name="code"/> (the probe's answer is cached a second) or 60 s have passed.</summary>
    private static async Task<Reply> ReadyzUntilAsync(ApiServer api, int code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Reply reply;
        do
        {
            reply = await api.GetAsync(null, "/readyz");
            if (reply.Code == code)
            {
                return reply;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return reply;
    }

    private static Dictionary<string, JsonElement> Checks(Reply reply) =>
        reply.Json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);

    private static string State(Reply reply, string check) => Checks(reply)[check].GetProperty("state").GetString()!;

    [Fact]
    public Task An_unreachable_store_makes_the_node_not_ready_until_it_is_back_and_liveness_is_unaffected() => WithServerAsync(null, async api =>
    {
        var ready = await api.GetAsync(null, "/readyz");
        Assert.True(ready.Code == 200, ready.ToString());
        Assert.Equal("ready", ready.Text("status"));
        Assert.Equal(["migrations", "store", "sweeperLag"], Checks(ready).Keys.Order());
        Assert.All(Checks(ready).Values, c => Assert.Equal("ok", c.GetProperty("state").GetString()));

        await MakeStoreUnreachableAsync(api);
        try
        {
            var down = await ReadyzUntilAsync(api, 503);
            Assert.True(down.Code == 503, down.ToString());
            Assert.Equal("5", down.Message.Headers.RetryAfter?.ToString());
            Assert.Equal(("not ready", "failing", "unknown", "unknown"),
                (down.Text("status"), State(down, "store"), State(down, "migrations"), State(down, "sweeperLag")));
            Assert.DoesNotContain(api.Db.Split(':', 2)[1].Split(';')[0], down.Body); // no path, no host
            Assert.Equal(200, (await api.GetAsync(null, "/healthz")).Code);
        }
        finally
        {
            await MakeStoreReachableAsync(api);
        }

        var back = await ReadyzUntilAsync(api, 200);
        Assert.True(back.Code == 200, back.ToString());
        // A pooled connection from before the outage may fail once: refused clearly (503, Retry-After), never answered wrong.
        var reads = new List<Reply>();
        do
        {
            reads.Add(await api.GetAsync("admin", $"/api/persons/{ApiServer.Own}"));
        }
        while (reads[^1].Code == 503 && reads.Count < 5);
        Assert.True(reads[^1].Code == 200, $"reads after the store came back: {string.Join(" | ", reads)}");
        Assert.All(reads.SkipLast(1), r => Assert.Equal("5", r.Message.Headers.RetryAfter?.ToString()));
        Assert.Contains("readiness: the store did not answer", api.Server.Output);
    });

    [Fact]
    public Task A_sweeper_too_far_behind_and_a_schema_migrated_by_a_newer_muster_make_the_node_not_ready() => WithServerAsync(
        new Dictionary<string, string>
        {
            ["Propagation:Enabled"] = "false", // no sweeper on this node: the lag grows with the clock
            ["Readiness:MaxSweeperLagSeconds"] = "60",
            ["Readiness:CacheSeconds"] = "0",
        },
        async api =>
        {
            await api.PlaceSummonsAsync();
            var status = await api.GetAsync("admin", $"/api/persons/{ApiServer.Own}/status");
            var due = DateTimeOffset.Parse(status.Text("nextChangeAt"), System.Globalization.CultureInfo.InvariantCulture);

            api.SetClock($"{due.AddSeconds(59):yyyy-MM-ddTHH:mm:ssZ}");
            var late = await api.GetAsync(null, "/readyz");
            Assert.True(late.Code == 200, late.ToString());
            Assert.InRange(Checks(late)["sweeperLag"].GetProperty("seconds").GetDouble(), 58.5, 59.5);

            var now = $"{due.AddMinutes(5):yyyy-MM-ddTHH:mm:ssZ}";
            api.SetClock(now);
            var behind = await api.GetAsync(null, "/readyz");
            Assert.True(behind.Code == 503, behind.ToString());
            Assert.Equal(("failing", "ok", "ok"), (State(behind, "sweeperLag"), State(behind, "store"), State(behind, "migrations")));
            Assert.Equal((300.0, 60.0), (Checks(behind)["sweeperLag"].GetProperty("seconds").GetDouble(), Checks(behind)["sweeperLag"].GetProperty("thresholdSeconds").GetDouble()));
            Assert.NotNull(behind.Message.Headers.RetryAfter);

            await MusterCommand.RunAsync("sweep", "--db", api.Db, "--now", now);
            var swept = await api.GetAsync(null, "/readyz");
            Assert.True(swept.Code == 200, swept.ToString());
            Assert.Equal(0.0, Checks(swept)["sweeperLag"].GetProperty("seconds").GetDouble());

            await OutOfBandAsync(api, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (100000, 'from a newer muster', '2026-03-01T00:00:00Z')");
            var newer = await api.GetAsync(null, "/readyz");
            Assert.True(newer.Code == 503, newer.ToString());
            Assert.Equal("failing", State(newer, "migrations"));
            Assert.Contains("newer than this muster knows", Checks(newer)["migrations"].GetProperty("detail").GetString());

            await OutOfBandAsync(api, "DELETE FROM schema_migrations WHERE version = 100000");
            Assert.Equal(200, (await api.GetAsync(null, "/readyz")).Code);
        });
}

public sealed class SqliteReadiness : ReadinessContract
{
    private static string PathOf(ApiServer api) => api.Db["sqlite:".Length..];

    protected override ApiServer NewServer(IReadOnlyDictionary<string, string>? settings) => new SqliteApiServer { Settings = settings };

    // Moved away (not chmod: the tests may run as root, whom permissions do not stop): a fresh open fails,
    // as it would on a lost volume, while the server's open connections hold the old file.
    protected override Task MakeStoreUnreachableAsync(ApiServer api)
    {
        File.Move(PathOf(api), PathOf(api) + ".away");
        return Task.CompletedTask;
    }

    protected override Task MakeStoreReachableAsync(ApiServer api)
    {
        File.Move(PathOf(api) + ".away", PathOf(api));
        return Task.CompletedTask;
    }

    protected override async Task OutOfBandAsync(ApiServer api, string sql)
    {
        var result = await Processes.RunAsync("sqlite3", [PathOf(api), sql]);
        Assert.True(result.ExitCode == 0, result.All);
    }
}

public sealed class PostgresReadiness : ReadinessContract
{
    protected override ApiServer NewServer(IReadOnlyDictionary<string, string>? settings) => new PostgresApiServer { Settings = settings };

    protected override Task MakeStoreUnreachableAsync(ApiServer api) => ((PostgresApiServer)api).Cluster.StopAsync();

    protected override Task MakeStoreReachableAsync(ApiServer api) => ((PostgresApiServer)api).Cluster.StartAsync();

    protected override async Task OutOfBandAsync(ApiServer api, string sql)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(api.Db["postgres:".Length..]).Database!;
        var result = await ((PostgresApiServer)api).Cluster.PsqlAsync(database, sql);
        Assert.True(result.ExitCode == 0, result.All);
    }
}
