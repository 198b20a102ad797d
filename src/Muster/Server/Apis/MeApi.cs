using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Register;
using NodaTime;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// The personal account: the signed-in person's own record, summonses, status and notifications.
/// Every restriction explains itself (rule, legal basis, since when, how to lift it).
/// </summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").WithTags("Personal account").AllowRoles(Roles.Citizen);
        api.MapGet("/", GetMe).WithSummary("My record");
        api.MapGet("/summonses", GetMySummonses).WithSummary("My summonses and their delivery in law");
        api.MapGet("/status", GetMyStatus).WithSummary("The restrictions on me now (or at 'at'), why, and how to lift them");
        api.MapGet("/notifications", GetMyNotifications).WithSummary("What happened on my record and what is coming, newest first");
        return app;
    }

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetMe(Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        var (record, problem) = await register.ReadAsync(caller, caller.PersonId!, "GET /api/me", cancellationToken);
        return record is null ? problem! : TypedResults.Ok(Views.Person(record));
    }

    public static async Task<Results<Ok<IReadOnlyList<SummonsResponse>>, ProblemHttpResult>> GetMySummonses(Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        var (record, problem) = await register.ReadAsync(caller, caller.PersonId!, "GET /api/me/summonses", cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        IReadOnlyList<SummonsResponse> summonses = [.. record.Timeline(register.Policies, register.Now).Summonses.Select(s => Views.Summons(s, record))];
        return TypedResults.Ok(summonses);
    }

    public static async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> GetMyStatus(
        string? at, string? asOf, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        if (Fields.AtAndAsOf(at, asOf, register.Now, out var atInstant, out var asOfInstant) is { } bad)
        {
            return bad;
        }

        var (record, problem) = await register.ReadAsync(caller, caller.PersonId!, "GET /api/me/status", cancellationToken);
        return record is null ? problem! : TypedResults.Ok(Views.Status(record.Evaluate(register.Policies, atInstant, asOfInstant)));
    }

    public static async Task<Results<Ok<IReadOnlyList<NotificationResponse>>, ProblemHttpResult>> GetMyNotifications(
        Caller caller, RegisterService register, Propagation.IPersonMessages messages, CancellationToken cancellationToken)
    {
        var (record, problem) = await register.ReadAsync(caller, caller.PersonId!, "GET /api/me/notifications", cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        Instant now = register.Now;
        return TypedResults.Ok(await messages.MergeAsync(caller.PersonId!, Views.Notifications(record.Timeline(register.Policies, now), now), cancellationToken));
    }
}
