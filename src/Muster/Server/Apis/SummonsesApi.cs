using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// Summonses: placed by an office (checked against the governing policy), opened by the person in
/// the personal account, handed over against signature, cancelled. Each act is one fact.
/// </summary>
public static class SummonsesApi
{
    public static IEndpointRouteBuilder MapSummonsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/summonses").WithTags("Summonses");
        api.MapPost("/", PlaceSummons).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("Place a summons in the register (now); refused with 422 when the governing policy forbids it");
        api.MapGet("/{summonsId}", GetSummons).AllowRoles(Roles.Admin, Roles.Clerk, Roles.Auditor, Roles.Citizen)
            .WithSummary("A summons and its delivery in law");
        api.MapPost("/{summonsId}/open", OpenSummons).AllowRoles(Roles.Citizen)
            .WithSummary("The person opened the summons in the personal account (this delivers it)");
        api.MapPost("/{summonsId}/handed", HandSummons).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("The summons was handed over against signature at 'at' (default now)");
        api.MapPost("/{summonsId}/cancel", CancelSummons).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("The office cancelled the summons; this lifts what it caused");
        return app;
    }

    public static async Task<Results<Created<SummonsResponse>, ProblemHttpResult>> PlaceSummons(
        PlaceSummonsRequest body, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken)
    {
        if (Fields.Missing(("personId", body.PersonId), ("appearanceAt", body.AppearanceAt)) is { } missing)
        {
            return missing;
        }

        if (Fields.IfMatch(request, out var ifMatch) is { } badVersion)
        {
            return badVersion;
        }

        if (Fields.LocalDateTime("appearanceAt", body.AppearanceAt, out var appearanceAt) is { } badTime)
        {
            return badTime;
        }

        var (office, officeProblem) = await Offices.ForAsync(caller, body.Office, register.Directory, cancellationToken);
        if (office is null)
        {
            return officeProblem!;
        }

        var outcome = await register.ChangeAsync<SummonsResponse>(caller, body.PersonId!, ifMatch, record =>
        {
            if (office.Region != record.Region)
            {
                return ApiProblem.Conflict("office", $"office {office.Code} serves {office.Region}; person {record.PersonId} is registered in {record.Region}");
            }

            var now = register.Now;
            var zone = register.Policies.ZoneOf(record.Region);
            var policy = zone is null ? null : register.Policies.Governing(record.Region, now.InZone(zone).Date);
            if (zone is null || policy is null)
            {
                return ApiProblem.Refused("personId", $"no policy governs a summons placed today in {record.Region}", null, "no-policy");
            }

            var refusals = policy.CheckIssue(now, appearanceAt, zone);
            if (refusals.Count > 0)
            {
                var first = refusals[0];
                return ApiProblem.Refused(first.Field, string.Join("; ", refusals.Select(r => r.Message)), first.LegalBasis, first.Code);
            }

            var fact = new SummonsPlaced
            {
                Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "register",
                SummonsId = Ids.New("s"), Office = office.Code, AppearanceAt = appearanceAt, Purpose = body.Purpose,
            };
            return FactCheck.Problem(fact) is { } invalid
                ? invalid
                : Decision<SummonsResponse>.Append(
                    Views.Summons(new SummonsState(fact.SummonsId, fact.Id, policy.Id, office.Code, now, appearanceAt, null, null, null, null, null), record.With(fact)),
                    fact);
        }, cancellationToken);
        return outcome.Problem ?? (Results<Created<SummonsResponse>, ProblemHttpResult>)TypedResults.Created($"/api/summonses/{outcome.Value!.SummonsId}", outcome.Value);
    }

    public static async Task<Results<Ok<SummonsResponse>, ProblemHttpResult>> GetSummons(
        string summonsId, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        var (personId, notFound) = await register.SummonsPersonAsync(caller, summonsId, cancellationToken);
        if (personId is null)
        {
            return notFound!;
        }

        var (record, problem) = await register.ReadAsync(caller, personId, "GET /api/summonses/{id}", cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        var state = Find(record, register, summonsId);
        return state is null ? Retracted(summonsId) : TypedResults.Ok(Views.Summons(state, record));
    }

    public static Task<Results<Ok<RecordedResponse>, ProblemHttpResult>> OpenSummons(
        string summonsId, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken) =>
        ActAsync(summonsId, caller, register, request, (record, state, now) =>
        {
            if (record.All.OfType<SummonsOpened>().FirstOrDefault(o => o.SummonsId == summonsId && !record.IsRetracted(o.Id)) is { } opened)
            {
                return Decision<RecordedResponse>.Nothing(Views.Recorded(opened, record.Version));
            }

            return FactCheck.Record(new SummonsOpened
            {
                Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "portal", SummonsId = summonsId,
            }, record);
        }, cancellationToken);

    public static async Task<Results<Ok<RecordedResponse>, ProblemHttpResult>> HandSummons(
        string summonsId, HandedRequest? body, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken)
    {
        Instant? at = null;
        if (body?.At is { } text)
        {
            if (Fields.Instant("at", text, out var parsed) is { } bad)
            {
                return bad;
            }

            at = parsed;
        }

        return await ActAsync(summonsId, caller, register, request, (record, state, now) =>
        {
            var handedAt = at ?? now;
            if (handedAt > now)
            {
                return ApiProblem.Invalid("at", $"{TimeFormats.Format(handedAt)} is in the future");
            }

            if (handedAt < state.PlacedAt)
            {
                return ApiProblem.Conflict("at", $"the summons was placed at {TimeFormats.Format(state.PlacedAt)}, after {TimeFormats.Format(handedAt)}");
            }

            if (state.DeliveredBy == DeliveryMethod.Handed)
            {
                return ApiProblem.Conflict("summonsId", $"summons {summonsId} was already handed over at {TimeFormats.Format(state.DeliveredAt!.Value)}");
            }

            return FactCheck.Record(new SummonsHanded
            {
                Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = handedAt, RecordedAt = now, Actor = caller.Actor, Channel = "office", SummonsId = summonsId,
            }, record);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<RecordedResponse>, ProblemHttpResult>> CancelSummons(
        string summonsId, ReasonRequest body, Caller caller, RegisterService register, HttpRequest request, CancellationToken cancellationToken)
    {
        if (Fields.Missing(("reason", body.Reason)) is { } missing)
        {
            return missing;
        }

        return await ActAsync(summonsId, caller, register, request, (record, state, now) => FactCheck.Record(new SummonsCancelled
        {
            Id = Ids.New("f"), PersonId = record.PersonId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "office",
            SummonsId = summonsId, Reason = body.Reason!,
        }, record), cancellationToken);
    }

    /// <summary>
    /// An act on a summons: find its person (404), check the caller's scope (403), refuse acts on a
    /// cancelled summons (409), then decide and append.
    /// </summary>
    private static async Task<Results<Ok<RecordedResponse>, ProblemHttpResult>> ActAsync(
        string summonsId, Caller caller, RegisterService register, HttpRequest request,
        Func<PersonRecord, SummonsState, Instant, Decision<RecordedResponse>> decide, CancellationToken cancellationToken)
    {
        if (Fields.IfMatch(request, out var ifMatch) is { } badVersion)
        {
            return badVersion;
        }

        var (personId, notFound) = await register.SummonsPersonAsync(caller, summonsId, cancellationToken);
        if (personId is null)
        {
            return notFound!;
        }

        var outcome = await register.ChangeAsync<RecordedResponse>(caller, personId, ifMatch, record =>
        {
            var state = Find(record, register, summonsId);
            if (state is null)
            {
                return Retracted(summonsId);
            }

            return state.CancelledAt is { } cancelled
                ? ApiProblem.Conflict("summonsId", $"summons {summonsId} was cancelled at {TimeFormats.Format(cancelled)}")
                : decide(record, state, register.Now);
        }, cancellationToken);
        return outcome.Problem ?? (Results<Ok<RecordedResponse>, ProblemHttpResult>)TypedResults.Ok(outcome.Value! with { Version = outcome.Version });
    }

    private static SummonsState? Find(PersonRecord record, RegisterService register, string summonsId)
    {
        foreach (var s in record.Timeline(register.Policies, Instant.MaxValue).Summonses)
        {
            if (s.SummonsId == summonsId)
            {
                return s;
            }
        }

        return null;
    }

    private static ProblemHttpResult Retracted(string summonsId) => ApiProblem.NotFound("summonsId", $"summons '{summonsId}' was retracted");
}
