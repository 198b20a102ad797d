using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Muster.Api.Tests.Support;

/// <summary>
/// Another real `muster serve` on the fixture's clock, for a test that needs a register to itself (a
/// fresh database of the fixture's engine, with office KGD-01) or a second node on the fixture's own
/// store; with an admin and a border key made by `muster keys create`, and settings of its own.
/// Its propagation is off: on a shared store the fixture's server leads.
/// </summary>
public sealed class OwnRegister : IAsyncDisposable
{
    private OwnRegister(string db, MusterServer server, string admin, string border)
    {
        Db = db;
        Server = server;
        Admin = admin;
        Border = border;
        Http = new HttpClient { BaseAddress = server.Address };
    }

    public string Db { get; }

    public MusterServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>The admin's key.</summary>
    public string Admin { get; }

    /// <summary>The border post's key.</summary>
    public string Border { get; }

    /// <summary>A server on <paramref name="db"/>, or on a new database when null.</summary>
    public static async Task<OwnRegister> StartAsync(ApiServer fixture, string? db, IReadOnlyDictionary<string, string> settings)
    {
        if (db is null)
        {
            db = await fixture.NewDatabaseAsync();
            await MusterCommand.RunAsync("offices", "add", "--db", db, "--code", "KGD-01", "--region", "RU-KGD");
        }

        var admin = await MusterCommand.CreateKeyAsync(db, "--role", "admin");
        var border = await MusterCommand.CreateKeyAsync(db, "--role", "border", "--name", "own post");
        var server = await MusterServer.StartAsync(db, fixture.ClockFile, new Dictionary<string, string>(settings) { ["Propagation__Enabled"] = "false" });
        return new OwnRegister(db, server, admin, border);
    }

    /// <summary>A request with <paramref name="key"/> (null: none); the answer with its content read (buffered, so readable again as bytes).</summary>
    public async Task<HttpResponseMessage> SendAsync(string? key, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A write that must succeed (201), by the admin.</summary>
    public async Task CreateAsync(string path, object body)
    {
        using var response = await SendAsync(Admin, HttpMethod.Post, path, body);
        Assert.True((int)response.StatusCode == 201, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
