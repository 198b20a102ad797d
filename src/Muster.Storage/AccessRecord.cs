using NodaTime;

namespace Muster.Storage;

/// <summary>One read of a person's data by an official: who, whom, when, why.</summary>
public sealed record AccessRecord(long Sequence, string Official, string PersonId, string Purpose, Instant At);
