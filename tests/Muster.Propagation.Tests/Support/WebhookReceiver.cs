using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Muster.Cli.Server.Propagation;

namespace Muster.Propagation.Tests.Support;

/// <summary>One change as a receiver got it.</summary>
public sealed record Arrival(string Endpoint, string Id, long Seq, string PersonId, string Agency, string Kind, string Code, string DeliveryId);

/// <summary>
/// A real HTTP webhook endpoint (Kestrel on a loopback port) in the test process, as an agency would run
/// one: it verifies the Muster-Signature of every request with the endpoint's secret (401 when wrong),
/// can fail a share of requests on purpose (500) or answer slowly, and records every change it
/// acknowledged, in the order it got them.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Arrival> _arrivals = [];
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private int _requests;
    private int _failed;
    private int _badSignatures;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The share of requests answered 500 on purpose (0..1).</summary>
    public double FailureRate { get; set; }

    /// <summary>How long each request takes to answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While true, every request fails (500).</summary>
    public bool Down { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int Failed => Volatile.Read(ref _failed);

    public int BadSignatures => Volatile.Read(ref _badSignatures);

    public IReadOnlyList<Arrival> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return [.. _arrivals];
            }
        }
    }

    public string Url(string endpoint) => new Uri(Address, "/hooks/" + endpoint).ToString();

    public void SetSecret(string endpoint, string secret) => _secrets[endpoint] = secret;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = ServeProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/hooks/{endpoint}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(string endpoint, HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (!_secrets.TryGetValue(endpoint, out var secret))
        {
            Interlocked.Increment(ref _failed);
            return Results.StatusCode(503);
        }

        if (!WebhookSignature.Verify(secret, request.Headers[WebhookSignature.Header].ToString(), body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.StatusCode(401);
        }

        if (Down || (FailureRate > 0 && Random.Shared.NextDouble() < FailureRate))
        {
            Interlocked.Increment(ref _failed);
            return Results.StatusCode(500);
        }

        var delivery = request.Headers["Muster-Delivery"].ToString();
        using var json = JsonDocument.Parse(body);
        var got = json.RootElement.GetProperty("changes").EnumerateArray().Select(c => new Arrival(
            endpoint, c.GetProperty("id").GetString()!, c.GetProperty("seq").GetInt64(), c.GetProperty("personId").GetString()!,
            c.GetProperty("agency").GetString()!, c.GetProperty("kind").GetString()!, c.GetProperty("code").GetString()!, delivery)).ToList();
        lock (_arrivals)
        {
            _arrivals.AddRange(got);
        }

        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
