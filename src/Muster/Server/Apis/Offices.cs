using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Problems;
using Muster.Storage.Api;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// The office an act is recorded for: a clerk's is their key's (naming another is 403); an admin
/// must name one. Offices are registered with `muster offices add`.
/// </summary>
public static class Offices
{
    public static async Task<(OfficeRecord? Office, ProblemHttpResult? Problem)> ForAsync(
        Caller caller, string? requested, IRegisterDirectory directory, CancellationToken cancellationToken)
    {
        if (caller.Is(Roles.Clerk))
        {
            if (requested is not null && requested != caller.Office)
            {
                return (null, ApiProblem.Forbidden($"the key is for office {caller.Office}, not {requested}", "office"));
            }

            requested = caller.Office;
        }

        if (string.IsNullOrWhiteSpace(requested))
        {
            return (null, ApiProblem.Invalid("office", "is required"));
        }

        var office = await directory.FindOfficeAsync(requested, cancellationToken);
        return office is null
            ? (null, ApiProblem.Invalid("office", $"no office '{requested}' (register it with `muster offices add`)"))
            : (office, null);
    }
}
