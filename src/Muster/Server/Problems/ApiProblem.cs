using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Muster.Cli.Server.Problems;

/// <summary>
/// Every error of the API is an RFC 9457 problem (application/problem+json) naming the field at fault
/// in "field" (and, for invalid input, "errors": field → messages). One place builds them all.
/// </summary>
public static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string title, string detail, string? field = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        if (extensions is not null)
        {
            foreach (var (k, v) in extensions)
            {
                problem.Extensions[k] = v;
            }
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>400: a field of the request is missing or malformed.</summary>
    public static ProblemHttpResult Invalid(string field, string message)
    {
        var name = field.Length == 0 ? "body" : field;
        return Of(StatusCodes.Status400BadRequest, "Invalid request", $"{name}: {message}", name,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [name] = [message] } });
    }

    public static ProblemHttpResult NotFound(string field, string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail, field);

    public static ProblemHttpResult Forbidden(string detail, string? field = null) => Of(StatusCodes.Status403Forbidden, "Forbidden", detail, field);

    /// <summary>409: the request contradicts the record (a cancelled summons, an office of another region, ...).</summary>
    public static ProblemHttpResult Conflict(string field, string detail) => Of(StatusCodes.Status409Conflict, "Contradicts the record", detail, field);

    /// <summary>412: If-Match named a version of the person that is no longer current.</summary>
    public static ProblemHttpResult StaleVersion(long expected, long actual) =>
        Of(StatusCodes.Status412PreconditionFailed, "Stale version", $"If-Match: the person's version is {actual}, not {expected}; read the person again", "If-Match",
            new Dictionary<string, object?> { ["currentVersion"] = actual });

    /// <summary>409: without If-Match, the person's record changed under every attempt to decide on it (many writes to one person at once).</summary>
    public static ProblemHttpResult KeptChanging(string personId, int attempts, long actual) =>
        Of(StatusCodes.Status409Conflict, "The record kept changing", $"person {personId} changed under each of {attempts} attempts to decide on this request; send it again", "personId",
            new Dictionary<string, object?> { ["currentVersion"] = actual });

    /// <summary>422: well-formed, but the law (the governing policy) refuses it.</summary>
    public static ProblemHttpResult Refused(string field, string detail, string? legalBasis, string? code) =>
        Of(StatusCodes.Status422UnprocessableEntity, "Refused by the policy", detail, field,
            new Dictionary<string, object?> { ["legalBasis"] = legalBasis, ["code"] = code });

    public static string TypeOf(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        507 => "https://www.rfc-editor.org/rfc/rfc4918#section-11.5",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };
}
