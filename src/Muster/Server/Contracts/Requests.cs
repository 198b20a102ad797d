namespace Muster.Cli.Server.Contracts;

// Request bodies. Every field is nullable so that a missing one is reported by name (400, "field"),
// never as a serializer failure. Instants are ISO-8601 (2026-03-05T12:00:00Z); local date-times
// 2026-03-05T15:00; dates 2026-03-05.

/// <summary>POST /api/persons: enter a person in the register. personId is generated when absent.</summary>
public sealed record RegisterPersonRequest(
    string? PersonId,
    string? NationalId,
    string? FamilyName,
    string? GivenNames,
    string? Patronymic,
    string? LatinName,
    string? BirthDate,
    string? Region,
    IReadOnlyList<DocumentBody>? Documents);

/// <summary>An identity document: kind "passport" or "international_passport", number, ICAO issuing state (e.g. RUS).</summary>
public sealed record DocumentBody(string? Kind, string? Number, string? IssuingState);

/// <summary>POST /api/summonses. appearanceAt is the office's (= the person's region's) local time. A clerk's office is their key's.</summary>
public sealed record PlaceSummonsRequest(string? PersonId, string? Office, string? Purpose, string? AppearanceAt);

/// <summary>POST /api/summonses/{id}/handed: handed over against signature at <c>at</c> (default: now).</summary>
public sealed record HandedRequest(string? At);

/// <summary>POST /api/summonses/{id}/cancel and POST /api/facts/{id}/retract.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>POST /api/appearances: the person stands in front of the clerk now. A clerk's office is their key's.</summary>
public sealed record AppearanceRequest(string? PersonId, string? Office);

/// <summary>POST /api/deferments: local dates from..until, both inclusive.</summary>
public sealed record DefermentRequest(string? PersonId, string? From, string? Until, string? Basis);

/// <summary>POST /api/border/checks: either the MRZ as read, or the three fields printed on the document.</summary>
public sealed record BorderCheckRequest(string? Mrz, string? DocumentNumber, string? IssuingState, string? BirthDate);
