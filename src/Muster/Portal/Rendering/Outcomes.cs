using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Muster.Cli.Portal.Rendering;

/// <summary>
/// The portals do the register's work through the JSON API's own handlers (the same checks, the same
/// facts, the same errors); this reads their answer: done, or a problem naming the field.
/// </summary>
public static class Outcomes
{
    public static ProblemDetails? ProblemOf(INestedHttpResult result) => result.Result is ProblemHttpResult p ? p.ProblemDetails : null;

    public static T? ValueOf<T>(INestedHttpResult result)
        where T : class => result.Result is IValueHttpResult { Value: T value } ? value : null;

    /// <summary>The field a problem names ("appearanceAt", "mrz.birthDate", ...), if any.</summary>
    public static string? FieldOf(ProblemDetails problem) => problem.Extensions.TryGetValue("field", out var f) ? f?.ToString() : null;
}
