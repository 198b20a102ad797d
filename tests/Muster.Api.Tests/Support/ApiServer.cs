using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Muster.Api.Tests.Support;

/// <summary>
/// One store and one real `muster serve` for a test class: offices KGD-01 (RU-KGD) and MOW-07
/// (RU-MOW), a key of every role made with `muster keys create`, persons p-own and p-other
/// registered in RU-KGD, and the test clock in a file the tests rewrite.
/// </summary>
public abstract class ApiServer : IAsyncLifetime
{
    public const string Start = "2026-03-02T06:00:00Z";
    public const string Own = "p-own";
    public const string Other = "p-other";
    public const string Story = "p-story";

    public static readonly IReadOnlyList<string> Callers = ["admin", "clerk", "clerk-other", "border", "agency", "citizen", "citizen-other", "auditor", "anonymous"];

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"muster-api-{Guid.NewGuid():N}");

    public string Db { get; private set; } = "";

    public string ClockFile => Path.Combine(_folder, "clock");

    public MusterServer Server { get; private set; } = null!;

    /// <summary>Settings of the "Muster" section for the server (e.g. "Readiness:MaxSweeperLagSeconds"), beyond the tests' defaults.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Other environment variables for the server, as named (e.g. "Logging__LogLevel__Default").</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The fixture's own folder (the clock file, SQLite databases).</summary>
    protected string Folder => _folder;

    /// <summary>A new, empty database of the fixture's engine: the fixture's own, or another for a test that needs a register to itself.</summary>
    public abstract Task<string> NewDatabaseAsync();

    /// <summary>What the engine needs before its first database (PostgreSQL: the cluster).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        SetClock(Start);
        await PrepareAsync();
        Db = await NewDatabaseAsync();
        await MusterCommand.RunAsync("offices", "add", "--db", Db, "--code", "KGD-01", "--region", "RU-KGD", "--name", "Kaliningrad, Central");
        await MusterCommand.RunAsync("offices", "add", "--db", Db, "--code", "MOW-07", "--region", "RU-MOW");
        (string Caller, string[] Options)[] keys =
        [
            ("admin", ["--role", "admin"]),
            ("clerk", ["--role", "clerk", "--office", "KGD-01", "--name", "clerk of KGD-01"]),
            ("clerk-other", ["--role", "clerk", "--office", "MOW-07"]),
            ("border", ["--role", "border", "--name", "Chernyakhovsk post"]),
            ("agency", ["--role", "agency", "--agency", "tax"]),
            ("citizen", ["--role", "citizen", "--person", Own]),
            ("citizen-other", ["--role", "citizen", "--person", Other]),
            ("citizen-story", ["--role", "citizen", "--person", Story]),
            ("auditor", ["--role", "auditor"]),
        ];
        var created = await Task.WhenAll(keys.Select(k => MusterCommand.CreateKeyAsync(Db, k.Options)));
        for (var i = 0; i < keys.Length; i++)
        {
            _keys[keys[i].Caller] = created[i];
        }

        Server = await MusterServer.StartAsync(Db, ClockFile, Settings, Environment);
        Http = new HttpClient { BaseAddress = Server.Address };
        foreach (var (id, nationalId, document) in new[] { (Own, "3901000001", "750000001"), (Other, "3901000002", "750000002") })
        {
            var reply = await SendAsync("admin", HttpMethod.Post, "/api/persons", Person(id, nationalId, document));
            Assert.True(reply.Code == 201, reply.ToString());
        }
    }

    public string Key(string caller) => _keys[caller];

    /// <summary>For a test with a server of its own: starts it, runs the test, stops it and deletes its store.</summary>
    public async Task RunAsync(Func<ApiServer, Task> test)
    {
        try
        {
            await InitializeAsync();
            await test(this);
        }
        finally
        {
            await DisposeAsync();
        }
    }

    /// <summary>Sets the server's "now" (the file is replaced atomically).</summary>
    public void SetClock(string instant)
    {
        var temp = ClockFile + ".tmp";
        File.WriteAllText(temp, instant);
        File.Move(temp, ClockFile, overwrite: true);
    }

    public static object Person(string id, string nationalId, string document, string region = "RU-KGD") => new
    {
        personId = id,
        nationalId,
        familyName = "Смирнов",
        givenNames = "Алексей",
        patronymic = "Иванович",
        latinName = "SMIRNOV<<ALEKSEI",
        birthDate = "1997-04-12",
        region,
        documents = new[] { new { kind = "international_passport", number = document, issuingState = "RUS" } },
    };

    public Task<Reply> GetAsync(string? caller, string path) => SendAsync(caller, HttpMethod.Get, path);

    public Task<Reply> PostAsync(string? caller, string path, object? body = null, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(caller, HttpMethod.Post, path, body, configure);

    public async Task<Reply> SendAsync(string? caller, HttpMethod method, string path, object? body = null, Action<HttpRequestMessage>? configure = null, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (caller is not null && caller != "anonymous")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[caller]);
        }

        request.Content = body switch
        {
            null => null,
            string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
            HttpContent content => content,
            _ => JsonContent.Create(body),
        };
        configure?.Invoke(request);
        var response = await (http ?? Http).SendAsync(request);
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The person's version (number of facts), read by the admin.</summary>
    public async Task<long> VersionAsync(string personId)
    {
        var reply = await GetAsync("admin", $"/api/persons/{personId}");
        return reply.Code == 404 ? 0 : reply.Json.GetProperty("version").GetInt64();
    }

    /// <summary>A summons for p-own placed by the admin at KGD-01, appearance three days on.</summary>
    public async Task<(string SummonsId, string PlacedFactId)> PlaceSummonsAsync(string personId = Own, string appearanceAt = "2026-03-05T15:00")
    {
        var reply = await PostAsync("admin", "/api/summonses", new { personId, office = "KGD-01", purpose = "clarification of records", appearanceAt });
        Assert.True(reply.Code == 201, reply.ToString());
        return (reply.Text("summonsId"), reply.Text("placedFactId"));
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class SqliteApiServer : ApiServer
{
    public override Task<string> NewDatabaseAsync() => Task.FromResult("sqlite:" + Path.Combine(Folder, $"muster-{Guid.NewGuid():N}.db"));
}

public sealed class PostgresApiServer : ApiServer
{
    private readonly PostgresCluster _cluster = new();

    /// <summary>The server's own throwaway cluster (stopped and started by the readiness tests).</summary>
    public PostgresCluster Cluster => _cluster;

    protected override Task PrepareAsync() => _cluster.InitializeAsync();

    public override Task<string> NewDatabaseAsync() => _cluster.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
