using System.Text.Json;
using Muster.Core.Facts;
using Muster.Core.Restrictions;

namespace Muster.Propagation.Tests.Support;

/// <summary>
/// A register for end-to-end tests: a migrated database (a SQLite file, or a database of the throwaway
/// PostgreSQL cluster), the test clock file, keys made with `muster keys create` (admin, one per agency,
/// a citizen), and any number of real `muster serve` nodes with fast propagation settings.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly List<ServeProcess> _nodes = [];
    private readonly Dictionary<string, string> _agencyKeys = new(StringComparer.Ordinal);

    private Deployment(string folder, string db)
    {
        Folder = folder;
        Db = db;
    }

    public string Folder { get; }

    public string Db { get; }

    public string ClockFile => Path.Combine(Folder, "clock");

    public string NotificationsFile => Path.Combine(Folder, "notifications.jsonl");

    public string AdminKey { get; private set; } = "";

    public string CitizenKey { get; private set; } = "";

    public const string Citizen = "p-citizen";

    public IReadOnlyList<ServeProcess> Nodes => _nodes;

    public string AgencyKey(string agency) => _agencyKeys[agency];

    /// <summary>A register on SQLite (<paramref name="cluster"/> null) or on a new database of the cluster.</summary>
    public static async Task<Deployment> CreateAsync(PostgresCluster? cluster, string start)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"muster-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var db = cluster is null ? "sqlite:" + Path.Combine(folder, "muster.db") : await cluster.CreateDatabaseAsync();
        var deployment = new Deployment(folder, db);
        deployment.SetClock(start);
        await MusterCli.RunAsync("db", "migrate", "--db", db);
        deployment.AdminKey = await MusterCli.CreateKeyAsync(db, "--role", "admin");
        deployment.CitizenKey = await MusterCli.CreateKeyAsync(db, "--role", "citizen", "--person", Citizen);
        foreach (var agency in Agency.All)
        {
            deployment._agencyKeys[agency.Code] = await MusterCli.CreateKeyAsync(db, "--role", "agency", "--agency", agency.Code);
        }

        return deployment;
    }

    public void SetClock(string instant)
    {
        var temp = ClockFile + ".tmp";
        File.WriteAllText(temp, instant);
        File.Move(temp, ClockFile, overwrite: true);
    }

    public static Dictionary<string, string> FastSettings() => new()
    {
        ["Propagation:SweepIntervalSeconds"] = "0.2",
        ["Propagation:DispatchPollSeconds"] = "0.05",
        ["Propagation:LeaderCheckSeconds"] = "0.5",
        ["Propagation:BackoffBaseSeconds"] = "0.05",
        ["Propagation:BackoffMaxSeconds"] = "0.5",
        ["Propagation:MaxFailures"] = "1000",
        ["Propagation:AllowInsecureLoopbackWebhooks"] = "true",
    };

    public async Task<ServeProcess> StartNodeAsync(IReadOnlyDictionary<string, string>? settings = null, string name = "node")
    {
        var all = FastSettings();
        all["Propagation:NotifierFile"] = NotificationsFile;
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            all[k] = v;
        }

        var node = await ServeProcess.StartAsync(Db, ClockFile, all, name);
        _nodes.Add(node);
        return node;
    }

    public void Forget(ServeProcess node) => _nodes.Remove(node);

    /// <summary>Imports facts with the real `muster import` (their recordedAt as given).</summary>
    public async Task ImportAsync(IEnumerable<Fact> facts) =>
        await MusterCli.RunAsync("import", "--db", Db, await Facts.WriteJsonlAsync(Folder, facts));

    /// <summary>Registers a webhook for an agency (with the agency's key) at the receiver and tells the receiver its secret.</summary>
    public async Task<string> SubscribeAsync(ServeProcess node, WebhookReceiver receiver, string agency, string? endpoint = null)
    {
        endpoint ??= agency;
        var (code, body) = await node.SendAsync(AgencyKey(agency), HttpMethod.Post, "/api/webhooks", new { url = receiver.Url(endpoint) });
        Assert.True(code == 201, $"{code} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        receiver.SetSecret(endpoint, json.GetProperty("secret").GetString()!);
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>The status as the leader reports it (null while no node leads).</summary>
    public async Task<JsonElement?> LeaderStatusAsync()
    {
        foreach (var node in _nodes.Where(n => !n.HasExited))
        {
            try
            {
                // A node being killed, or one whose database connection is being replaced, may not answer: ask again later.
                var (code, body) = await node.SendAsync(AdminKey, HttpMethod.Get, "/api/propagation");
                var status = code == 200 ? JsonDocument.Parse(body).RootElement.Clone() : default;
                if (code == 200 && status.GetProperty("leader").GetBoolean())
                {
                    return status;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not answering
            }
        }

        return null;
    }

    /// <summary>Until the leader has swept every fact and every person due at <paramref name="now"/>.</summary>
    public Task WaitSweptAsync(string now, TimeSpan? timeout = null) => WaitAsync(async () =>
        await LeaderStatusAsync() is { } s
        && s.GetProperty("lastSweep").ValueKind == JsonValueKind.String
        && Facts.I(s.GetProperty("lastSweep").GetString()!) >= Facts.I(now)
        && s.GetProperty("factCursor").GetInt64() == s.GetProperty("factTip").GetInt64(), $"the sweep at {now}", timeout);

    /// <summary>Until every webhook's cursor is at the last change of its agency and the notifier is at the outbox tip.</summary>
    public Task WaitDeliveredAsync(TimeSpan? timeout = null) => WaitAsync(async () =>
    {
        if (await LeaderStatusAsync() is not { } s || s.GetProperty("notifierCursor").GetInt64() < s.GetProperty("notifications").GetInt64())
        {
            return false;
        }

        foreach (var w in s.GetProperty("webhooks").EnumerateArray())
        {
            var (code, body) = await _nodes.First(n => !n.HasExited).SendAsync(AdminKey, HttpMethod.Get,
                $"/api/feed?agency={w.GetProperty("agency").GetString()}&after={w.GetProperty("cursor").GetInt64()}&limit=1");
            if (code != 200 || JsonDocument.Parse(body).RootElement.GetProperty("changes").GetArrayLength() > 0)
            {
                return false;
            }
        }

        return true;
    }, "every delivery", timeout);

    /// <summary>Every change of the outbox, in commit order (admin feed, paged).</summary>
    public async Task<List<JsonElement>> OutboxAsync(string? key = null, string? agency = null, int limit = 500)
    {
        var node = _nodes.First(n => !n.HasExited);
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await node.GetJsonAsync(key ?? AdminKey, $"/api/feed?after={after}&limit={limit}" + (agency is null ? "" : $"&agency={agency}"));
            var changes = page.GetProperty("changes").EnumerateArray().ToList();
            if (changes.Count == 0)
            {
                return all;
            }

            all.AddRange(changes);
            after = page.GetProperty("next").GetInt64();
        }
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"waited in vain for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (Db.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a killed process may still hold a file for a moment; the temp folder is cleaned by the OS
        }
    }

    public string Outputs() => string.Join("\n", _nodes.Select(n => $"--- {n.Name} ---\n{n.Output}"));
}
