using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Border;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Border;
using Muster.Core.Serialization;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// Border control asks one question: may the traveller leave now? The answer is allow, deny or refer,
/// how the traveller was identified, and a reference — no reasons, no personal data. Nothing can be
/// lifted here. The matching and the decision are <see cref="TravellerCheck"/>'s; the reference and the
/// decision go to the access log of each person the decision was about. The offline list for posts:
/// <see cref="BorderSnapshotApi"/>.
/// </summary>
public static class BorderApi
{
    public static IEndpointRouteBuilder MapBorderApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/border").WithTags("Border")
            .MapPost("/checks", CheckTraveller).AllowRoles(Roles.Border)
            .WithSummary("May this traveller leave the country now? allow, deny or refer; how they were identified; a reference");
        return app;
    }

    public static async Task<Results<Ok<BorderCheckResponse>, ProblemHttpResult>> CheckTraveller(
        BorderCheckRequest body, Caller caller, TravellerCheck check, RegisterService register, ILogger<TravellerCheck> log, CancellationToken cancellationToken)
    {
        var now = register.Now;
        TravellerVerdict verdict;
        if (body.Mrz is not null)
        {
            if (body.DocumentNumber is not null || body.IssuingState is not null || body.BirthDate is not null)
            {
                return ApiProblem.Invalid("mrz", "give either mrz or documentNumber, issuingState and birthDate, not both");
            }

            var parsed = MrzParser.Parse(body.Mrz, now.InUtc().Date);
            if (parsed.Mrz is not { } mrz)
            {
                var first = parsed.Problems[0];
                return ApiProblem.Invalid(first.Field == "mrz" ? "mrz" : "mrz." + first.Field, string.Join("; ", parsed.Problems.Select(p => p.ToString())));
            }

            verdict = await check.ByMrzAsync(mrz, now, cancellationToken);
        }
        else
        {
            if (Fields.Missing(("documentNumber", body.DocumentNumber), ("issuingState", body.IssuingState), ("birthDate", body.BirthDate)) is { } missing)
            {
                return missing;
            }

            if (Fields.Date("birthDate", body.BirthDate, out var birthDate) is { } badDate)
            {
                return badDate;
            }

            verdict = await check.ByDocumentAsync(body.DocumentNumber!.Trim(), body.IssuingState!.Trim().ToUpperInvariant(), birthDate, now, cancellationToken);
        }

        Storage.MusterMetrics.BorderChecked(verdict.Decision);
        var reference = Ids.Reference();
        var purpose = $"POST /api/border/checks {reference}: {verdict.Decision}";
        await (verdict.PersonIds.Count == 1
            ? register.RecordAccessAsync(caller, verdict.PersonIds[0], purpose, cancellationToken)
            : Task.WhenAll(verdict.PersonIds.Select(id => register.RecordAccessAsync(caller, id, purpose, cancellationToken))));

        if (log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug("border check {Reference} by {Actor}: {Decision} ({Match}, {Persons} persons)", reference, caller.Actor, verdict.Decision, verdict.Match, verdict.PersonIds.Count);
        }

        return TypedResults.Ok(new BorderCheckResponse(verdict.Decision, verdict.Match, reference, TimeFormats.Format(now)));
    }
}
