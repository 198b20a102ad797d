using Muster.Core.Facts;

namespace Muster.Core.Border;

/// <summary>
/// Finds the registered person an MRZ belongs to, among candidates the caller has looked up
/// (by document number, by birth date). A pure function: the candidates are only a pre-selection,
/// every criterion is checked here again, and nothing is ever picked from several equally good fits.
/// </summary>
public static class MrzMatcher
{
    /// <summary>
    /// Step 1: people holding a document with the MRZ's number and issuing state whose birth date
    /// agrees with the MRZ. Step 2 (only if step 1 found nobody): people born on the MRZ's
    /// birth date whose name, written the MRZ way and cut to the field length, is the MRZ's name field.
    /// Each step: one person → <see cref="MrzMatch.Matched"/>, several → <see cref="MrzMatch.Ambiguous"/>.
    /// </summary>
    public static MrzMatch Match(Mrz mrz, IEnumerable<PersonRegistered> candidatesByDocument, IEnumerable<PersonRegistered> candidatesByBirthDate)
    {
        ArgumentNullException.ThrowIfNull(candidatesByDocument);
        ArgumentNullException.ThrowIfNull(candidatesByBirthDate);
        return Match(mrz, candidatesByDocument.Concat(candidatesByBirthDate));
    }

    /// <summary>As above, over one combined candidate list.</summary>
    public static MrzMatch Match(Mrz mrz, IEnumerable<PersonRegistered> candidates)
    {
        ArgumentNullException.ThrowIfNull(mrz);
        ArgumentNullException.ThrowIfNull(candidates);

        var people = LatestPerPerson(candidates);

        var byDocument = people.Where(p => HoldsDocument(p, mrz) && mrz.BirthDate.Admits(p.BirthDate)).ToList();
        if (byDocument.Count > 0)
        {
            return Decide(byDocument, MatchBasis.Document);
        }

        // With part of the birth date unknown a name would be matched on little more than itself.
        if (mrz.BirthDate.Date is not { } born)
        {
            return MrzMatch.NotFound.Instance;
        }

        var byName = people
            .Where(p => p.BirthDate == born && PersonNameForms.Of(p).Any(form => PersonNameForms.Fits(form, mrz.NameField)))
            .ToList();
        return Decide(byName, MatchBasis.NameAndBirthDate);
    }

    private static MrzMatch Decide(List<PersonRegistered> fits, MatchBasis basis) => fits.Count switch
    {
        0 => MrzMatch.NotFound.Instance,
        1 => new MrzMatch.Matched(fits[0], basis),
        _ => new MrzMatch.Ambiguous(fits, basis),
    };

    /// <summary>
    /// A person may be registered more than once (a re-statement; the latest wins) and may come in
    /// both candidate lists: count each person once, as last recorded, so a re-statement is
    /// never mistaken for a namesake.
    /// </summary>
    private static List<PersonRegistered> LatestPerPerson(IEnumerable<PersonRegistered> candidates) =>
        candidates
            .Where(p => p is not null)
            .GroupBy(p => p.PersonId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.RecordedAt).ThenBy(p => p.OccurredAt).Last())
            .ToList();

    private static bool HoldsDocument(PersonRegistered person, Mrz mrz) =>
        !person.Documents.IsDefault && person.Documents.Any(d =>
            d is not null &&
            string.Equals(DocumentNumber(d.Number), mrz.DocumentNumber, StringComparison.Ordinal) &&
            string.Equals(StateCode(d.IssuingState), mrz.IssuingState, StringComparison.Ordinal));

    // The register may keep "75 1234567" or "75-1234567"; the MRZ has "751234567".
    private static string DocumentNumber(string? number) =>
        new((number ?? "").ToUpperInvariant().Where(c => c is not (' ' or '-' or '<')).ToArray());

    private static string StateCode(string? state) => (state ?? "").Trim().ToUpperInvariant().TrimEnd('<');
}
