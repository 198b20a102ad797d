using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Register;
using Muster.Core.Facts;

namespace Muster.Cli.Server.Apis;

/// <summary>A deferment from call-up for local dates from..until (inclusive): no measures run while it lasts.</summary>
public static class DefermentsApi
{
    public static IEndpointRouteBuilder MapDefermentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/deferments").WithTags("Deferments")
            .MapPost("/", GrantDeferment).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("Grant a deferment (lifts what earlier summonses caused, from its first day)");
        return app;
    }

    public static async Task<Results<Created<RecordedResponse>, ProblemHttpResult>> GrantDeferment(
        DefermentRequest body, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken)
    {
        if (Fields.Missing(("personId", body.PersonId), ("from", body.From), ("until", body.Until), ("basis", body.Basis)) is { } missing)
        {
            return missing;
        }

        if (Fields.First(Fields.Date("from", body.From, out var from), Fields.Date("until", body.Until, out var until), Fields.IfMatch(request, out var ifMatch)) is { } bad)
        {
            return bad;
        }

        var outcome = await register.ChangeAsync<RecordedResponse>(caller, body.PersonId!, ifMatch, record =>
        {
            var now = register.Now;
            var fact = new DefermentGranted
            {
                Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "office",
                From = from, Until = until, Basis = body.Basis!,
            };
            return FactCheck.Record(fact, record);
        }, cancellationToken);
        return outcome.Problem ?? (Results<Created<RecordedResponse>, ProblemHttpResult>)TypedResults.Created($"/api/persons/{body.PersonId}/timeline", outcome.Value! with { Version = outcome.Version });
    }
}
