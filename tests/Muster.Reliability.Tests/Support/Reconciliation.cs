using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Storage;
using NodaTime;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// After the faults: what the clients were told, against what the store holds, read in-process from the
/// same database. Every acknowledged write is there; every person's projections (registration by national
/// id and document, status with its version) agree with their facts — so no fact is half there, whether
/// its request was answered or not.
/// </summary>
public static class Reconciliation
{
    public sealed record Outcome(int Persons, int Facts, int Acknowledged, int Lost, int StoredUnanswered, IReadOnlyList<string> Problems)
    {
        public override string ToString() =>
            $"{Persons} persons, {Facts} facts in the log; {Acknowledged} acknowledged writes, {Lost} lost; " +
            $"{StoredUnanswered} unanswered writes found stored whole; {Problems.Count} inconsistencies" +
            string.Concat(Problems.Take(20).Select(p => "\n  " + p));
    }

    public static PolicySet Policies { get; } = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));

    /// <summary>The store a server under test writes to, opened in the test process to read what it holds (its clock only stamps nothing here).</summary>
    public static Task<IFactStore> OpenAsync(string db, Instant? now = null) =>
        StoreFactory.OpenAsync(db, new StoreOptions(new TestClock(now ?? Facts.I(ApiServer.Start)), Policies));

    public static async Task<Outcome> CheckAsync(string db, Ledger ledger, IEnumerable<string> otherPersons, Instant now)
    {
        await using var store = await OpenAsync(db, now);
        var attempts = ledger.All;
        var problems = new List<string>();
        int facts = 0, acknowledged = 0, lost = 0, storedUnanswered = 0;
        var persons = attempts.Select(a => a.PersonId).Concat(otherPersons).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var personId in persons)
        {
            var stream = await store.ReadPersonAsync(personId);
            facts += stream.Facts.Count;
            var stored = stream.Facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var mine = attempts.Where(a => a.PersonId == personId).ToList();
            foreach (var a in mine.Where(a => a.Acknowledged))
            {
                acknowledged++;
                var present = a.Op == "register" ? stream.Facts.Count > 0 && stream.Facts[0] is PersonRegistered : a.FactId is { } id && stored.Contains(id);
                if (!present)
                {
                    lost++;
                    problems.Add($"{personId}: acknowledged {a.Op} {a.FactId} is not in the log ({a.Answer})");
                }
            }

            var answered = mine.Where(a => a.Acknowledged && a.FactId is not null).Select(a => a.FactId!).ToHashSet(StringComparer.Ordinal);
            storedUnanswered += stream.Facts.Count(f => f is not PersonRegistered && !answered.Contains(f.Id))
                + (stream.Facts.Count > 0 && mine.Any(a => a.Op == "register") && !mine.Any(a => a.Op == "register" && a.Acknowledged) ? 1 : 0);
            problems.AddRange(await ProjectionProblemsAsync(store, stream));
        }

        return new Outcome(persons.Count, facts, acknowledged, lost, storedUnanswered, problems);
    }

    /// <summary>The person's projections against their facts; empty when they agree.</summary>
    public static async Task<IReadOnlyList<string>> ProjectionProblemsAsync(IFactStore store, PersonStream stream)
    {
        var problems = new List<string>();
        var personId = stream.PersonId;
        var status = await store.GetStatusAsync(personId);
        if (stream.Version == 0)
        {
            if (status is not null)
            {
                problems.Add($"{personId}: a status projection (version {status.Version}) without any fact");
            }

            return problems;
        }

        if (stream.Facts.Any(f => f.PersonId != personId))
        {
            problems.Add($"{personId}: the log holds another person's fact");
        }

        if (status is null || status.Version != stream.Version)
        {
            problems.Add($"{personId}: status projection at version {status?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, the log at {stream.Version}");
            return problems;
        }

        var evaluation = Evaluator.Evaluate(stream.Facts, Policies, status.EvaluatedAt, status.EvaluatedAt);
        var expected = evaluation.InForce.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal);
        if (!expected.SequenceEqual(status.InForce.Order(StringComparer.Ordinal)))
        {
            problems.Add($"{personId}: status projection says [{string.Join(",", status.InForce)}] at {status.EvaluatedAt}, the facts [{string.Join(",", expected)}]");
        }

        var registration = stream.Facts.OfType<PersonRegistered>().LastOrDefault();
        if (registration is not null)
        {
            if (!(await store.FindByNationalIdAsync(registration.NationalId)).Any(p => p.PersonId == personId))
            {
                problems.Add($"{personId}: registered with national id {registration.NationalId}, not found by it");
            }

            foreach (var d in registration.Documents)
            {
                if (!(await store.FindByDocumentAsync(d.Number, d.IssuingState)).Any(p => p.PersonId == personId))
                {
                    problems.Add($"{personId}: document {d.IssuingState} {d.Number} registered, not found by it");
                }
            }
        }

        return problems;
    }

    /// <summary>`muster audit verify`: exit 0 and its report, or the test fails with its output.</summary>
    public static async Task<string> VerifyAuditChainAsync(string db) => await MusterCli.RunAsync("audit", "verify", "--db", db);

    /// <summary>`muster db rebuild --verify`: the projections equal a rebuild from the log (exit 0), or the test fails with the differences.</summary>
    public static async Task<string> VerifyProjectionsAsync(string db) => await MusterCli.RunAsync("db", "rebuild", "--db", db, "--verify");

    /// <summary>The first line of a command's report, for the figures.</summary>
    public static string FirstLine(string report) => report.Trim().Split('\n')[0].Trim();
}
