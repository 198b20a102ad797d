using NodaTime;

namespace Muster.Storage.Writing;

/// <summary>One row of the fact log as written: global sequence, ids, canonical content and its chain hashes.</summary>
internal sealed record FactRow(long Sequence, string FactId, string PersonId, string Type, string Content, byte[] PreviousHash, byte[] Hash);

/// <summary>
/// The projections of one person after a write: persons row, documents (when the registration changed)
/// and status. <paramref name="First"/>: the person has no projection rows yet (their facts are new), so
/// the rows can be inserted without looking for ones to replace.
/// </summary>
internal sealed record PersonProjection(
    string PersonId,
    Core.Facts.PersonRegistered? Registration,
    long Version,
    bool ReplaceDocuments,
    bool HadDocuments,
    string InForce,
    Instant? NextChangeAt,
    Instant EvaluatedAt,
    bool First = false);
