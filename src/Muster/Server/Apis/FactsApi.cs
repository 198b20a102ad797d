using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Facts;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// Correcting the record: a fact is never deleted; a retraction names it and the reason, and from
/// then on it no longer counts (evaluations as of an earlier instant still see it).
/// </summary>
public static class FactsApi
{
    public static IEndpointRouteBuilder MapFactsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/facts").WithTags("Facts")
            .MapPost("/{factId}/retract", RetractFact).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("Retract a fact recorded by mistake, with a reason");
        return app;
    }

    public static async Task<Results<Created<RecordedResponse>, ProblemHttpResult>> RetractFact(
        string factId, ReasonRequest body, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken)
    {
        if (Fields.First(Fields.Missing(("reason", body.Reason)), Fields.IfMatch(request, out var ifMatch)) is { } bad)
        {
            return bad;
        }

        var personId = await register.Directory.FindFactPersonAsync(factId, cancellationToken);
        if (personId is null)
        {
            return ApiProblem.NotFound("factId", $"no fact '{factId}'");
        }

        var outcome = await register.ChangeAsync<RecordedResponse>(caller, personId, ifMatch, record =>
        {
            if (record.IsRetracted(factId))
            {
                return ApiProblem.Conflict("factId", $"fact '{factId}' is already retracted");
            }

            var now = register.Now;
            var fact = new FactRetracted
            {
                Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "office",
                FactId = factId, Reason = body.Reason!,
            };
            return FactCheck.Record(fact, record);
        }, cancellationToken);
        return outcome.Problem ?? (Results<Created<RecordedResponse>, ProblemHttpResult>)TypedResults.Created($"/api/persons/{personId}/timeline", outcome.Value! with { Version = outcome.Version });
    }
}
