using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Facts;
using Muster.Storage;

namespace Muster.Cli.Server.Apis;

/// <summary>The register of persons: enter a person, find them, read their record, status, timeline and access log.</summary>
public static class PersonsApi
{
    public static IEndpointRouteBuilder MapPersonsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/persons").WithTags("Persons");
        api.MapPost("/", RegisterPerson).AllowRoles(Roles.Admin, Roles.Clerk)
            .WithSummary("Enter a person in the register");
        api.MapGet("/", FindPersons).AllowRoles(Roles.Admin, Roles.Clerk, Roles.Auditor, Roles.Agency)
            .WithSummary("Find persons by national id, or by document number and issuing state");
        api.MapGet("/{personId}", GetPerson).AllowRoles(Roles.Admin, Roles.Clerk, Roles.Auditor, Roles.Citizen)
            .WithSummary("A person's record; the ETag is the version If-Match expects");
        api.MapGet("/{personId}/status", GetStatus).AllowRoles(Roles.Admin, Roles.Clerk, Roles.Auditor, Roles.Agency, Roles.Citizen)
            .WithSummary("The restrictions in force at an instant (default now), as known at asOf (default now)");
        api.MapGet("/{personId}/timeline", GetTimeline).AllowRoles(Roles.Admin, Roles.Clerk, Roles.Auditor, Roles.Citizen)
            .WithSummary("Every restriction interval and summons of the person");
        api.MapGet("/{personId}/access-log", GetAccessLog).AllowRoles(Roles.Admin, Roles.Auditor, Roles.Citizen)
            .WithSummary("Who read the person's data, when and why");
        return app;
    }

    public static async Task<Results<Created<PersonResponse>, ProblemHttpResult>> RegisterPerson(
        RegisterPersonRequest body, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        if (Fields.Missing(("nationalId", body.NationalId), ("familyName", body.FamilyName), ("givenNames", body.GivenNames),
                ("birthDate", body.BirthDate), ("region", body.Region)) is { } missing)
        {
            return missing;
        }

        if (Fields.Date("birthDate", body.BirthDate, out var birthDate) is { } badDate)
        {
            return badDate;
        }

        var documents = body.Documents ?? [];
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            if (d is null)
            {
                return ApiProblem.Invalid($"documents[{i}]", "must be an object");
            }

            if (Fields.Missing(($"documents[{i}].kind", d.Kind), ($"documents[{i}].number", d.Number), ($"documents[{i}].issuingState", d.IssuingState)) is { } missingField)
            {
                return missingField;
            }

            if (d.Kind is not (IdentityDocument.Passport or IdentityDocument.InternationalPassport))
            {
                return ApiProblem.Invalid($"documents[{i}].kind", $"must be '{IdentityDocument.Passport}' or '{IdentityDocument.InternationalPassport}'");
            }
        }

        var now = register.Now;
        var personId = body.PersonId ?? Ids.New("p");
        var fact = new PersonRegistered
        {
            Id = Ids.New("f"), PersonId = personId, OccurredAt = now, RecordedAt = now, Actor = caller.Actor, Channel = "office",
            NationalId = body.NationalId!.Trim(), FamilyName = body.FamilyName!.Trim(), GivenNames = body.GivenNames!.Trim(),
            Patronymic = body.Patronymic, LatinName = body.LatinName, BirthDate = birthDate, Region = body.Region!.Trim(),
            Documents = [.. documents.Select(d => new IdentityDocument(d.Kind!, d.Number!.Trim(), d.IssuingState!.Trim()))],
        };
        if (FactCheck.Problem(fact) is { } invalid)
        {
            return invalid;
        }

        if (register.Policies.ZoneOf(fact.Region) is null)
        {
            return ApiProblem.Refused("region", $"no policy lists region {fact.Region}: its legal time zone is unknown", null, "unknown-region");
        }

        if (caller.Is(Roles.Clerk) && caller.Region != fact.Region)
        {
            return ApiProblem.Forbidden($"the key of office {caller.Office} registers persons of {caller.Region} only", "region");
        }

        if ((await register.Store.FindByNationalIdAsync(fact.NationalId, cancellationToken)).FirstOrDefault() is { } existing)
        {
            return ApiProblem.Conflict("nationalId", $"national id {fact.NationalId} is already registered as person {existing.PersonId}");
        }

        var result = await register.Store.AppendAsync(personId, 0, [fact], cancellationToken);
        if (result is AppendResult.Appended)
        {
            register.Changes.Appended(personId, [fact]);
        }

        return result switch
        {
            AppendResult.Appended appended => TypedResults.Created($"/api/persons/{personId}", Views.Person(new PersonRecord(personId, [fact], appended.Version))),
            AppendResult.VersionConflict => ApiProblem.Conflict("personId", $"person '{personId}' is already registered"),
            AppendResult.Conflict c => ApiProblem.Conflict("personId", c.Reason),
            AppendResult.Rejected r => ApiProblem.Conflict("personId", r.Reason),
            _ => ApiProblem.Conflict("personId", $"person '{personId}' is already registered"),
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<PersonMatchResponse>>, ProblemHttpResult>> FindPersons(
        string? nationalId, string? document, string? issuingState, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        if ((nationalId is null) == (document is null))
        {
            return ApiProblem.Invalid(nationalId is null ? "nationalId" : "document", "give exactly one of nationalId and document");
        }

        if (document is not null && string.IsNullOrWhiteSpace(issuingState))
        {
            return ApiProblem.Invalid("issuingState", "is required with document (ICAO code, e.g. RUS)");
        }

        var found = nationalId is not null
            ? await register.Store.FindByNationalIdAsync(nationalId, cancellationToken)
            : await register.Store.FindByDocumentAsync(document!, issuingState!, cancellationToken);
        var visible = found.Where(p => caller.MaySee(p.PersonId, p.Region)).ToList();
        await Task.WhenAll(visible.Select(p => register.RecordAccessAsync(caller, p.PersonId, "GET /api/persons?" + (nationalId is null ? "document" : "nationalId"), cancellationToken)));

        IReadOnlyList<PersonMatchResponse> result = caller.Is(Roles.Agency)
            ? [.. visible.Select(p => new PersonMatchResponse(p.PersonId, null, null, null, null))]
            : [.. visible.Select(p => new PersonMatchResponse(p.PersonId, p.FamilyName, p.GivenNames, Core.Serialization.TimeFormats.Format(p.BirthDate), p.Region))];
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetPerson(
        string personId, Caller caller, RegisterService register, HttpResponse response, CancellationToken cancellationToken)
    {
        var (record, problem) = await register.ReadAsync(caller, personId, "GET /api/persons/{id}", cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        response.Headers.ETag = Fields.ETag(record.Version);
        return TypedResults.Ok(Views.Person(record));
    }

    public static async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> GetStatus(
        string personId, string? at, string? asOf, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        var now = register.Now;
        if (Fields.AtAndAsOf(at, asOf, now, out var atInstant, out var asOfInstant) is { } bad)
        {
            return bad;
        }

        var (record, problem) = await register.ReadAsync(caller, personId, "GET /api/persons/{id}/status", cancellationToken);
        return record is null
            ? problem!
            : TypedResults.Ok(Views.Status(record.Evaluate(register.Policies, atInstant, asOfInstant), caller.Is(Roles.Agency) ? caller.Agency : null));
    }

    public static async Task<Results<Ok<TimelineResponse>, ProblemHttpResult>> GetTimeline(
        string personId, string? asOf, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        var asOfInstant = register.Now;
        if (asOf is not null && Fields.Instant("asOf", asOf, out asOfInstant) is { } bad)
        {
            return bad;
        }

        var (record, problem) = await register.ReadAsync(caller, personId, "GET /api/persons/{id}/timeline", cancellationToken);
        return record is null ? problem! : TypedResults.Ok(Views.Timeline(record.Timeline(register.Policies, asOfInstant), record));
    }

    public static async Task<Results<Ok<IReadOnlyList<AccessRecordResponse>>, ProblemHttpResult>> GetAccessLog(
        string personId, Caller caller, RegisterService register, CancellationToken cancellationToken)
    {
        var (record, problem) = await register.ReadAsync(caller, personId, "GET /api/persons/{id}/access-log", cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        var log = await register.ReadAccessLogAsync(personId, cancellationToken);
        IReadOnlyList<AccessRecordResponse> result = [.. log.Select(a => new AccessRecordResponse(a.Sequence, a.Official, a.Purpose, Core.Serialization.TimeFormats.Format(a.At)))];
        return TypedResults.Ok(result);
    }
}
