using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Muster.Storage;

namespace Muster.Cli.Server.Problems;

/// <summary>
/// Exceptions become problems: a body that is not valid JSON (400, naming the JSON path), too large
/// (413), of the wrong media type (415); a store that cannot be reached (503) or whose disk is full
/// (507), both with Retry-After: the caller is told to come back, never left to guess. Anything else
/// is a bug: 500, logged, with no details leaked.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    /// <summary>Seconds a client waits before trying again when the store is away (a restart or a fail-over takes about that long).</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail, field) = Describe(exception);
        // The route, not the path; a store's own words, or else only the exception's types and stack, never its
        // message: a message may quote the data that was being handled.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";
        if (exception is StoreException)
        {
            // Expected in an outage, logged once per request without the stack; the caller is told when to come back.
            log.LogWarning("{Method} {Route}: the store refused: {Reason}", context.Request.Method, route, exception.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            log.LogError("{Method} {Route} failed: {Exception}", context.Request.Method, route, Redacted(exception));
        }

        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Type = ApiProblem.TypeOf(status) };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            if (status == StatusCodes.Status400BadRequest)
            {
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
            }
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Detail, string? Field) Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (400, JsonMessage(json, FieldOf(json)), FieldOf(json)),
        BadHttpRequestException { StatusCode: 413 } => (413, "the request body is larger than this endpoint accepts", "body"),
        BadHttpRequestException { StatusCode: 415 } => (415, "send the body as application/json", "Content-Type"),
        BadHttpRequestException bad when bad.Message.Contains("was not provided", StringComparison.Ordinal) => (400, "a JSON body is required", "body"),
        BadHttpRequestException bad when UnboundParameter(bad.Message) is { } name => (400, $"{name}: '{BoundValue(bad.Message)}' is not a valid {name}", name),
        BadHttpRequestException bad => (bad.StatusCode, bad.Message, "body"),
        StoreException { Failure: StoreFailure.OutOfSpace } full => (507, full.Message, null),
        StoreException store => (503, store.Message, null),
        OperationCanceledException => (499, "the request was cancelled", null),
        _ => (500, "an internal error occurred; it has been logged", null),
    };

    /// <summary>'Failed to bind parameter "Nullable&lt;int&gt; limit" from "x".' → "limit": a query or route value of the wrong type names itself.</summary>
    public static string? UnboundParameter(string message) =>
        BindFailure().Match(message) is { Success: true } m ? m.Groups["name"].Value : null;

    private static string BoundValue(string message) => BindFailure().Match(message).Groups["value"].Value;

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^\"]*?(?<name>\\w+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    /// <summary>The types and stack traces of an exception and its inner ones, without their messages.</summary>
    public static string Redacted(Exception exception)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.Append(text.Length == 0 ? "" : "\n ---> ").Append(e.GetType().FullName).Append('\n').Append(e.StackTrace);
        }

        return text.ToString();
    }

    /// <summary>"$.documents[0].number" → "documents[0].number"; the whole body → "body".</summary>
    public static string FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : json.Path is { Length: > 1 } p && p.StartsWith("$[", StringComparison.Ordinal) ? p[1..]
        : "body";

    private static string JsonMessage(JsonException json, string field)
    {
        if (field != "body")
        {
            return $"{field}: not allowed here, or of the wrong JSON type (text fields are strings, documents an array of objects)";
        }

        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "not valid JSON: " + (cut > 0 ? message[..cut] : message);
    }
}
