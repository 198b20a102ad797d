using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Border;
using Muster.Core.Restrictions;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// Border control asks one question: may the holder of this document leave now? The answer is
/// allow or deny and a reference — no reasons, no personal data. Nothing can be lifted here.
/// The hot path: one document lookup, the matching persons' facts, Evaluate at now; the reference
/// and the decision go to the access log of each matching person.
/// </summary>
public static class BorderApi
{
    public const string Allow = "allow";
    public const string Deny = "deny";

    public static IEndpointRouteBuilder MapBorderApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/border").WithTags("Border")
            .MapPost("/checks", CheckTraveller).AllowRoles(Roles.Border)
            .WithSummary("May this document's holder leave the country now? allow or deny, and a reference");
        return app;
    }

    public static async Task<Results<Ok<BorderCheckResponse>, ProblemHttpResult>> CheckTraveller(
        BorderCheckRequest body, Caller caller, RegisterService register, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var now = register.Now;
        string number, state;
        Func<LocalDate, bool> bornOn;
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

            (number, state, bornOn) = (mrz.DocumentNumber, mrz.IssuingState, mrz.BirthDate.Admits);
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

            (number, state, bornOn) = (body.DocumentNumber!.Trim(), body.IssuingState!.Trim().ToUpperInvariant(), d => d == birthDate);
        }

        // Everyone the document and birth date fit (normally one). If the register holds several,
        // the traveller may be any of them: deny if any may not leave.
        var holders = (await register.Directory.FindByDocumentAsync(number, state, cancellationToken)).Where(p => bornOn(p.BirthDate)).ToList();
        var decision = Allow;
        foreach (var holder in holders)
        {
            var record = await register.RecordOfAsync(holder.PersonId, holder.Version, cancellationToken);
            if (record.Evaluate(register.Policies, now, now).IsRestricted(RestrictionCode.TravelExit))
            {
                decision = Deny;
            }
        }

        Storage.MusterMetrics.BorderChecked(decision);
        var reference = Ids.Reference();
        if (holders.Count > 0)
        {
            await Task.WhenAll(holders.Select(h => register.RecordAccessAsync(caller, h.PersonId, $"POST /api/border/checks {reference}: {decision}", cancellationToken)));
        }

        var log = logs.CreateLogger("Muster.Border");
        if (log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug("border check {Reference} by {Actor}: {Decision} ({Holders} holders)", reference, caller.Actor, decision, holders.Count);
        }

        return TypedResults.Ok(new BorderCheckResponse(decision, reference, TimeFormats.Format(now)));
    }
}
