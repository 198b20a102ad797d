using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Muster.Reliability.Tests.Support;

/// <summary>What a request got: the status (null: no answer at all), the media type, whether Retry-After came, when it was sent and how long it took.</summary>
public sealed record Answer(int? Status, string? MediaType, bool RetryAfter, DateTime Sent, TimeSpan Elapsed, string Body)
{
    public bool IsProblem => MediaType == "application/problem+json";

    public bool IsSuccess => Status is >= 200 and < 300;

    public DateTime Received => Sent + Elapsed;

    public override string ToString() => Status is null ? $"no answer after {Elapsed.TotalSeconds:F1} s: {Body}" : $"{Status} {MediaType}{(RetryAfter ? " Retry-After" : "")}: {Body}";
}

/// <summary>
/// The suites' HTTP client: one connection pool for every test, absolute URIs (the node a request goes
/// to may change between requests), and every failure to get an answer returned, never thrown.
/// </summary>
public static class Client
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<Answer> SendAsync(Uri server, HttpMethod method, string path, string? key, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        var sent = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(server, path));
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            request.Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body),
            };
            configure?.Invoke(request);
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null, sent, clock.Elapsed, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(null, null, false, sent, clock.Elapsed, e.GetType().Name + ": " + e.Message);
        }
    }

    public static Task<Answer> GetAsync(Uri server, string path, string? key) => SendAsync(server, HttpMethod.Get, path, key);

    public static Task<Answer> PostAsync(Uri server, string path, string? key, object? body = null) => SendAsync(server, HttpMethod.Post, path, key, body);
}
