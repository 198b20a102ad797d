namespace Muster.Cli.Server.Contracts;

// Response bodies: camelCase, instants ISO-8601 UTC, local dates YYYY-MM-DD, absent values omitted.

public sealed record DocumentResponse(string Kind, string Number, string IssuingState);

/// <summary>A person as the latest registration states them; version is what If-Match expects.</summary>
public sealed record PersonResponse(
    string PersonId,
    string NationalId,
    string FamilyName,
    string GivenNames,
    string? Patronymic,
    string? LatinName,
    string BirthDate,
    string Region,
    IReadOnlyList<DocumentResponse> Documents,
    long Version);

/// <summary>A search hit. Agencies see only the person id.</summary>
public sealed record PersonMatchResponse(string PersonId, string? FamilyName, string? GivenNames, string? BirthDate, string? Region);

public sealed record LocalizedResponse(string En, string Ru);

/// <summary>A restriction in force: since when, under which rule and law, because of which summons, what lifts it.</summary>
public sealed record RestrictionResponse(
    string Code,
    string Since,
    string? Until,
    string RuleId,
    string PolicyId,
    string LegalBasis,
    string? SummonsId,
    IReadOnlyList<string> LiftedBy,
    LocalizedResponse? HowToLift,
    IReadOnlyList<string>? CausedBy);

/// <summary>A restriction that will start at <c>from</c> unless something lifts it first.</summary>
public sealed record UpcomingResponse(string Code, string From, string RuleId, string? SummonsId);

public sealed record StatusResponse(
    string PersonId,
    string At,
    string AsOf,
    IReadOnlyList<RestrictionResponse> Restrictions,
    IReadOnlyList<UpcomingResponse> Upcoming,
    string? NextChangeAt);

public sealed record IntervalResponse(
    string Code,
    string From,
    string? Until,
    string RuleId,
    string PolicyId,
    string LegalBasis,
    string SummonsId,
    IReadOnlyList<string> CausedBy,
    string? LiftedByFactId);

/// <summary>A summons and its delivery in law. state: "active" or "cancelled". placedFactId: the fact to retract if it was placed in error.</summary>
public sealed record SummonsResponse(
    string SummonsId,
    string PersonId,
    string PlacedFactId,
    string Office,
    string? Purpose,
    string PlacedAt,
    string AppearanceAt,
    string? PolicyId,
    string? DeliveredAt,
    string? DeliveredBy,
    string? OpenedAt,
    string? CancelledAt,
    string State);

public sealed record TimelineResponse(
    string PersonId,
    string AsOf,
    string? Region,
    IReadOnlyList<IntervalResponse> Intervals,
    IReadOnlyList<SummonsResponse> Summonses,
    IReadOnlyList<string> Warnings);

/// <summary>What a write recorded: the new fact and the person's version after it.</summary>
public sealed record RecordedResponse(string FactId, string Type, string PersonId, string? SummonsId, string OccurredAt, long Version);

/// <summary>
/// Something the person should know, newest first. kind: summons.placed, summons.delivered, restriction.started, restriction.lifted, restriction.upcoming.
/// A restriction change the register has sent (propagation) carries its change id and the message in both languages.
/// </summary>
public sealed record NotificationResponse(string At, string Kind, string? SummonsId, string? Code, string Message,
    string? Id = null, LocalizedResponse? Subject = null, LocalizedResponse? Text = null);

/// <summary>
/// The border's whole answer: no reasons, no personal data. decision: allow, deny or refer (several
/// people fit and they differ: identify the traveller by other means); match: document,
/// nameAndBirthDate, ambiguous or none.
/// </summary>
public sealed record BorderCheckResponse(string Decision, string Match, string Reference, string CheckedAt);

public sealed record ImportRejectionResponse(long Line, string Reason);

public sealed record ImportResponse(long Read, long Stored, long AlreadyPresent, IReadOnlyList<ImportRejectionResponse> Rejected);

public sealed record AccessRecordResponse(long Sequence, string Official, string Purpose, string At);
