using Muster.Cli.Server.Register;
using Muster.Core.Border;
using Muster.Core.Facts;
using Muster.Core.Restrictions;
using Muster.Storage;
using NodaTime;

namespace Muster.Cli.Server.Border;

/// <summary>The online check's answer before it is logged: the decision, how the traveller was identified, and whose records decided it.</summary>
public sealed record TravellerVerdict(string Decision, string Match, IReadOnlyList<string> PersonIds);

/// <summary>
/// The online border check: who is the traveller, and may they leave now? From an MRZ, through
/// <see cref="MrzMatcher"/>: the holders of the document first and, only when that finds nobody,
/// everyone born on the MRZ's birth date, matched by name. From the printed fields, by the document
/// only. Nobody is ever guessed: when several people fit, the decision is what is true of all of them,
/// or "refer" (identify the traveller by other means) when they differ.
/// </summary>
public sealed class TravellerCheck(RegisterService register, DocumentHolders holders)
{
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string Refer = "refer";

    public const string ByDocument = "document";
    public const string ByNameAndBirthDate = "nameAndBirthDate";
    public const string Ambiguous = "ambiguous";
    public const string Nobody = "none";

    public async Task<TravellerVerdict> ByMrzAsync(Mrz mrz, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mrz);
        var records = new Dictionary<string, PersonRecord>(StringComparer.Ordinal);
        var byDocument = await RegistrationsAsync(await holders.FindAsync(mrz.DocumentNumber, mrz.IssuingState, cancellationToken), records, cancellationToken);
        var match = MrzMatcher.Match(mrz, byDocument, []);
        if (match is MrzMatch.NotFound && mrz.BirthDate.Date is { } born)
        {
            // Only when the document finds nobody: this reads the records of everyone born that day.
            var byBirthDate = await RegistrationsAsync(await register.Directory.FindByBirthDateAsync(born, cancellationToken), records, cancellationToken);
            match = MrzMatcher.Match(mrz, byDocument, byBirthDate);
        }

        return match switch
        {
            MrzMatch.Matched m => Decide([records[m.Person.PersonId]], m.How == MatchBasis.Document ? ByDocument : ByNameAndBirthDate, now),
            MrzMatch.Ambiguous a => Decide([.. a.People.Select(p => records[p.PersonId])], Ambiguous, now),
            _ => new TravellerVerdict(Allow, Nobody, []),
        };
    }

    /// <summary>The printed fields: the holders of the document with that birth date (normally one).</summary>
    public async Task<TravellerVerdict> ByDocumentAsync(string number, string issuingState, LocalDate birthDate, Instant now, CancellationToken cancellationToken)
    {
        var records = new List<PersonRecord>();
        foreach (var holder in (await holders.FindAsync(number, issuingState, cancellationToken)).Where(p => p.BirthDate == birthDate))
        {
            records.Add(await register.RecordOfAsync(holder.PersonId, holder.Version, cancellationToken));
        }

        return records.Count switch
        {
            0 => new TravellerVerdict(Allow, Nobody, []),
            1 => Decide(records, ByDocument, now),
            _ => Decide(records, Ambiguous, now),
        };
    }

    /// <summary>Nobody banned: allow; everybody banned: deny; some: refer — the check cannot tell which of them stands at the desk.</summary>
    private TravellerVerdict Decide(IReadOnlyList<PersonRecord> people, string match, Instant now)
    {
        var banned = people.Count(p => p.Evaluate(register.Policies, now, now).IsRestricted(RestrictionCode.TravelExit));
        var decision = banned == 0 ? Allow : banned == people.Count ? Deny : Refer;
        return new TravellerVerdict(decision, match, [.. people.Select(p => p.PersonId)]);
    }

    /// <summary>The current registrations of the persons found (records cached by version), remembered by person id.</summary>
    private async Task<List<PersonRegistered>> RegistrationsAsync(IReadOnlyList<PersonSummary> found, Dictionary<string, PersonRecord> records, CancellationToken cancellationToken)
    {
        var registrations = new List<PersonRegistered>(found.Count);
        foreach (var person in found)
        {
            if (!records.TryGetValue(person.PersonId, out var record))
            {
                record = await register.RecordOfAsync(person.PersonId, person.Version, cancellationToken);
                records[person.PersonId] = record;
            }

            registrations.Add(record.Registration);
        }

        return registrations;
    }
}
