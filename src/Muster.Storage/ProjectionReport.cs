namespace Muster.Storage;

/// <summary>
/// One way a stored projection differs from what the fact log gives. Never personal data: the
/// person id, which projection, which column, and for names, national ids and document numbers
/// only that they differ (the expected side names the registration fact they come from).
/// </summary>
public sealed record ProjectionDifference(string PersonId, string Projection, string What, string Stored, string Expected);

/// <summary>
/// What a check (or a rebuild) of the projections found: persons and facts walked, the differences
/// (the first <see cref="ProjectionReport.Listed"/> of them listed; <see cref="DifferenceCount"/> is all),
/// and whether the projections were then rewritten from the log.
/// </summary>
public sealed record ProjectionReport(long Persons, long Facts, IReadOnlyList<ProjectionDifference> Differences, long DifferenceCount, bool Rebuilt)
{
    /// <summary>Differences kept in a report; the count goes on.</summary>
    public const int Listed = 1_000;

    public bool Consistent => DifferenceCount == 0;
}

/// <summary>How far a projection check or rebuild got: facts walked of the log's total.</summary>
public readonly record struct ProjectionProgress(long Facts, long Total);
