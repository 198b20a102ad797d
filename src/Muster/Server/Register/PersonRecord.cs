using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Cli.Server.Register;

/// <summary>A person's facts as read from the store, their version, and the registration that currently describes them.</summary>
public sealed class PersonRecord
{
    private readonly Fact[] _facts;

    public PersonRecord(string personId, IReadOnlyList<Fact> facts, long version)
    {
        PersonId = personId;
        _facts = facts as Fact[] ?? [.. facts];
        Version = version;
        Registration = CurrentRegistration(_facts) ?? throw new InvalidOperationException($"person {personId} has no registration");
    }

    public string PersonId { get; }

    public long Version { get; }

    public PersonRegistered Registration { get; }

    public string Region => Registration.Region;

    public ReadOnlySpan<Fact> Facts => _facts;

    public IReadOnlyList<Fact> All => _facts;

    /// <summary>The record as it will be once <paramref name="fact"/> is appended.</summary>
    public PersonRecord With(Fact fact) => new(PersonId, [.. _facts, fact], Version + 1);

    public PersonStatus Evaluate(PolicySet policies, Instant at, Instant asOf) => Evaluator.Evaluate(_facts, policies, at, asOf);

    public Timeline Timeline(PolicySet policies, Instant asOf) => Evaluator.Timeline(_facts, policies, asOf);

    public Fact? Find(string factId) => Array.Find(_facts, f => f.Id == factId);

    /// <summary>Whether a retraction that itself stands (is not retracted in turn) names this fact.</summary>
    public bool IsRetracted(string factId) => IsRetracted(factId, 0);

    private bool IsRetracted(string factId, int depth) =>
        depth < _facts.Length && Array.Exists(_facts, f => f is FactRetracted r && r.FactId == factId && !IsRetracted(r.Id, depth + 1));

    public SummonsPlaced? Placed(string summonsId) =>
        Array.Find(_facts, f => f is SummonsPlaced p && p.SummonsId == summonsId && !IsRetracted(p.Id)) as SummonsPlaced;

    /// <summary>The latest registration (by occurredAt, then log order) that is not retracted; the register's own rule.</summary>
    private static PersonRegistered? CurrentRegistration(Fact[] facts)
    {
        var retracted = facts.OfType<FactRetracted>().Select(r => r.FactId).ToHashSet(StringComparer.Ordinal);
        var registrations = facts.OfType<PersonRegistered>().ToList();
        return Latest(registrations.Where(p => !retracted.Contains(p.Id))) ?? Latest(registrations);

        static PersonRegistered? Latest(IEnumerable<PersonRegistered> items)
        {
            PersonRegistered? best = null;
            foreach (var p in items)
            {
                if (best is null || p.OccurredAt >= best.OccurredAt)
                {
                    best = p;
                }
            }

            return best;
        }
    }
}
