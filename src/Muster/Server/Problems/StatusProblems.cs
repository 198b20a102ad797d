namespace Muster.Cli.Server.Problems;

/// <summary>
/// Fills in problems written for a bare status code (authentication, authorization, routing, the body
/// limit): a detail a caller can act on and the field concerned.
/// </summary>
public static class StatusProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Type ??= ApiProblem.TypeOf(problem.Status ?? 500);
        if (problem.Detail is not null)
        {
            return;
        }

        var (detail, field) = problem.Status switch
        {
            401 => ("this endpoint needs 'Authorization: Bearer KEY' with a valid, unrevoked API key", "Authorization"),
            403 => ("the role of this API key may not do this (docs/security.md)", "Authorization"),
            404 => ("no such endpoint", "path"),
            405 => ($"this endpoint does not accept {context.HttpContext.Request.Method}", "method"),
            413 => ("the request body is larger than this endpoint accepts", "body"),
            415 => ("send the body as application/json", "Content-Type"),
            _ => ((string?)null, (string?)null),
        };
        problem.Detail = detail;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
    }
}
