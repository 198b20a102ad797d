using System.Net;
using System.Text.Json;

namespace Muster.Api.Tests.Support;

/// <summary>An HTTP answer as the tests look at it: status, media type, the body as text and as JSON.</summary>
public sealed record Reply(HttpStatusCode Status, string? MediaType, string Body, HttpResponseMessage Message)
{
    public int Code => (int)Status;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string Text(string property) => Json.GetProperty(property).GetString() ?? "";

    public bool IsProblem => MediaType == "application/problem+json";

    /// <summary>The field a problem names.</summary>
    public string? Field => IsProblem && Json.TryGetProperty("field", out var f) ? f.GetString() : null;

    public override string ToString() => $"{Code} {MediaType}: {Body}";
}
