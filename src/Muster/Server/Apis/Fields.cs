using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Problems;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Cli.Server.Apis;

/// <summary>Reading request fields at the edge: each failure is a 400 problem naming the field.</summary>
public static class Fields
{
    /// <summary>The first of the fields that is missing or blank, as a problem.</summary>
    public static ProblemHttpResult? Missing(params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                return ApiProblem.Invalid(name, "is required");
            }
        }

        return null;
    }

    /// <summary>The first problem among checks that have all run (so every out value is assigned).</summary>
    public static ProblemHttpResult? First(params ReadOnlySpan<ProblemHttpResult?> problems)
    {
        foreach (var p in problems)
        {
            if (p is not null)
            {
                return p;
            }
        }

        return null;
    }

    public static ProblemHttpResult? Instant(string name, string? text, out Instant value)
    {
        value = default;
        if (!TimeFormats.TryParseInstant(text, out value))
        {
            return ApiProblem.Invalid(name, $"'{text}' is not an ISO-8601 instant like 2026-03-05T12:00:00Z {TimeFormats.Range}");
        }

        return RegisterTime.IsWhole(value) ? null : ApiProblem.Invalid(name, RegisterTime.TooFine(text!));
    }

    public static ProblemHttpResult? Date(string name, string? text, out LocalDate value) =>
        TimeFormats.TryParseDate(text, out value) ? null : ApiProblem.Invalid(name, $"'{text}' is not a date like 2026-03-05 {TimeFormats.Range}");

    public static ProblemHttpResult? LocalDateTime(string name, string? text, out LocalDateTime value) =>
        TimeFormats.TryParseLocalDateTime(text, out value) ? null : ApiProblem.Invalid(name, $"'{text}' is not a local date-time like 2026-03-05T15:00 {TimeFormats.Range}");

    /// <summary>Query parameters at and asOf (both default to now).</summary>
    public static ProblemHttpResult? AtAndAsOf(string? atText, string? asOfText, Instant now, out Instant at, out Instant asOf)
    {
        at = asOf = now;
        return (atText is null ? null : Instant("at", atText, out at)) ?? (asOfText is null ? null : Instant("asOf", asOfText, out asOf));
    }

    /// <summary>If-Match: "N" (or N, or W/"N"): the person's version the write expects; absent: null.</summary>
    public static ProblemHttpResult? IfMatch(HttpRequest request, out long? version)
    {
        version = null;
        var text = request.Headers.IfMatch.ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var bare = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        if (long.TryParse(bare.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            version = v;
            return null;
        }

        return ApiProblem.Invalid("If-Match", $"'{text}' is not a person version such as \"3\" (the ETag of GET /api/persons/{{id}})");
    }

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
