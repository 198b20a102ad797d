using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Facts;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// The person stands in front of the clerk: under the seed's policy the only act that lifts the
/// measures (every summons placed before it). Recorded now, at the clerk's office; an office of
/// another region than the person's contradicts the record (409).
/// </summary>
public static class AppearancesApi
{
    public static IEndpointRouteBuilder MapAppearancesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/appearances").WithTags("Appearances")
            .MapPost("/", RecordAppearance).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("The person appeared in person at the office, now");
        return app;
    }

    public static async Task<Results<Created<RecordedResponse>, ProblemHttpResult>> RecordAppearance(
        AppearanceRequest body, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken)
    {
        if (Fields.Missing(("personId", body.PersonId)) is { } missing)
        {
            return missing;
        }

        if (Fields.IfMatch(request, out var ifMatch) is { } badVersion)
        {
            return badVersion;
        }

        var (office, officeProblem) = await Offices.ForAsync(caller, body.Office, register.Directory, cancellationToken);
        if (office is null)
        {
            return officeProblem!;
        }

        // The region is checked as a fact of the case (409), not as the clerk's scope (403): the
        // person is standing there and must be told which office can record them.
        var outcome = await register.ChangeAsync<RecordedResponse>(caller, body.PersonId!, ifMatch, record =>
        {
            if (office.Region != record.Region)
            {
                return ApiProblem.Conflict("office", $"office {office.Code} serves {office.Region}; person {record.PersonId} is registered in {record.Region} and must appear at an office there");
            }

            var now = register.Now;
            var fact = new AppearanceRecorded
            {
                Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "office", Office = office.Code,
            };
            return FactCheck.Record(fact, record);
        }, cancellationToken, checkScope: false);
        return outcome.Problem ?? (Results<Created<RecordedResponse>, ProblemHttpResult>)TypedResults.Created($"/api/persons/{body.PersonId}/timeline", outcome.Value! with { Version = outcome.Version });
    }
}
