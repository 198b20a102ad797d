using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Serialization;
using Muster.Storage.Writing;
using NodaTime;

namespace Muster.Storage.Rebuild;

/// <summary>
/// Compares one person's stored projections with what their facts give. The status is a cache of the
/// evaluator's answer at its <c>evaluated_at</c>, so it is recomputed at that instant: a status the
/// sweeper has not refreshed yet is late, not wrong (that is the sweeper's lag, which /readyz watches).
/// Names, national ids, birth dates and document numbers are never put in a difference.
/// </summary>
internal static class ProjectionComparer
{
    private const string Missing = "missing";
    private const string Present = "present";

    /// <param name="log">The person's state from the log; null when the log has no fact of theirs.</param>
    /// <param name="now">The instant a missing status is expected at.</param>
    public static IEnumerable<ProjectionDifference> Compare(string personId, PersonState? log, StoredProjections stored, PolicySet policies, Instant now)
    {
        stored.Persons.TryGetValue(personId, out var person);
        stored.Documents.TryGetValue(personId, out var documents);
        stored.Status.TryGetValue(personId, out var status);
        if (log is null)
        {
            const string none = "none: the log has no fact of this person";
            if (person is not null)
            {
                yield return new(personId, "persons", "row", Present, none);
            }

            foreach (var d in documents ?? [])
            {
                yield return new(personId, "documents", Describe(d.Kind, d.IssuingState), Present, none);
            }

            if (status is not null)
            {
                yield return new(personId, "status", "row", Present, none);
            }

            yield break;
        }

        var registration = log.CurrentRegistration()!; // a person's first fact is a registration
        var source = $"registration {registration.Id}";
        foreach (var d in ComparePerson(personId, person, registration, source))
        {
            yield return d;
        }

        foreach (var d in CompareDocuments(personId, documents ?? [], registration, source))
        {
            yield return d;
        }

        foreach (var d in CompareStatus(personId, status, log, policies, now))
        {
            yield return d;
        }
    }

    private static IEnumerable<ProjectionDifference> ComparePerson(string personId, StoredPerson? stored, PersonRegistered expected, string source)
    {
        if (stored is null)
        {
            yield return new(personId, "persons", "row", Missing, source);
            yield break;
        }

        var altered = new List<string>();
        Check(altered, "national_id", stored.NationalId == expected.NationalId);
        Check(altered, "family_name", stored.FamilyName == expected.FamilyName);
        Check(altered, "given_names", stored.GivenNames == expected.GivenNames);
        Check(altered, "patronymic", stored.Patronymic == expected.Patronymic);
        Check(altered, "birth_date", stored.BirthDate == expected.BirthDate);
        if (altered.Count > 0)
        {
            // Personal data: say which columns differ, never their values.
            yield return new(personId, "persons", string.Join(", ", altered), "altered", $"as in {source}");
        }

        if (stored.Region != expected.Region)
        {
            yield return new(personId, "persons", "region", stored.Region, expected.Region);
        }
    }

    private static void Check(List<string> altered, string column, bool same)
    {
        if (!same)
        {
            altered.Add(column);
        }
    }

    private static IEnumerable<ProjectionDifference> CompareDocuments(string personId, List<StoredDocument> stored, PersonRegistered expected, string source)
    {
        // As written: one row per number and issuing state, the first kind given for it.
        var wanted = expected.Documents.DistinctBy(d => (d.Number, d.IssuingState)).ToList();
        foreach (var d in wanted)
        {
            var match = stored.Find(s => s.Number == d.Number && s.IssuingState == d.IssuingState);
            if (match is null)
            {
                yield return new(personId, "documents", Describe(d.Kind, d.IssuingState), Missing, source);
            }
            else if (match.Kind != d.Kind)
            {
                yield return new(personId, "documents", $"kind of a document issued by {d.IssuingState}", match.Kind, d.Kind);
            }
        }

        foreach (var s in stored)
        {
            if (!wanted.Exists(d => d.Number == s.Number && d.IssuingState == s.IssuingState))
            {
                yield return new(personId, "documents", Describe(s.Kind, s.IssuingState), Present, $"not in {source}");
            }
        }
    }

    private static string Describe(string kind, string issuingState) => $"{kind} issued by {issuingState}";

    private static IEnumerable<ProjectionDifference> CompareStatus(string personId, StatusProjection? stored, PersonState log, PolicySet policies, Instant now)
    {
        var expected = Expected(log, policies, stored?.EvaluatedAt ?? now);
        if (stored is null)
        {
            yield return new(personId, "status", "row", Missing, $"in force: {Codes(expected.InForce)}; next change: {Format(expected.NextChangeAt)}; version {expected.Version}");
            yield break;
        }

        var storedCodes = string.Join(',', stored.InForce);
        if (storedCodes != expected.InForce)
        {
            yield return new(personId, "status", "in_force", Codes(storedCodes), Codes(expected.InForce));
        }

        if (stored.NextChangeAt != expected.NextChangeAt)
        {
            yield return new(personId, "status", "next_change_at", Format(stored.NextChangeAt), Format(expected.NextChangeAt));
        }

        if (stored.Version != expected.Version)
        {
            yield return new(personId, "status", "version", $"{stored.Version}", $"{expected.Version}");
        }
    }

    /// <summary>The status projection the evaluator gives at <paramref name="at"/>, as the writers compute it.</summary>
    private static PersonProjection Expected(PersonState log, PolicySet policies, Instant at) => StatusProjector.Project(log, policies, at);

    private static string Codes(string codes) => codes.Length == 0 ? "none" : codes;

    private static string Format(Instant? instant) => instant is { } i ? TimeFormats.Format(i) : "none";
}
