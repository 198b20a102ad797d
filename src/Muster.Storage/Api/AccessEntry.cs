using NodaTime;

namespace Muster.Storage.Api;

/// <summary>One official's read of a person's data, to be appended to the access log: who, whom, why, when.</summary>
public sealed record AccessEntry(string Official, string PersonId, string Purpose, Instant At);
