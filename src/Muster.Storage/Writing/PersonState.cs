using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage.Writing;

/// <summary>
/// What a writer knows of one person while it appends: their facts in log order, which ids and
/// summonses they have, and which registration the projections last showed.
/// </summary>
internal sealed class PersonState(string personId)
{
    // A person has a handful of facts: linear scans beat a dictionary and a set per person, in time
    // and in the memory an import keeps for hundreds of thousands of persons.

    public string PersonId { get; } = personId;
    public List<Fact> Facts { get; } = new(4);
    public long Version => Facts.Count;

    /// <summary>Whether the person has projection rows (a status row at least): stored facts, or a projection written since.</summary>
    public bool HasProjection { get; set; }

    /// <summary>The id of the registration whose documents are in the documents projection (null: none written).</summary>
    public string? ProjectedRegistrationId { get; set; }

    public bool TryGet(string factId, out Fact fact)
    {
        foreach (var f in Facts)
        {
            if (f.Id == factId)
            {
                fact = f;
                return true;
            }
        }

        fact = null!;
        return false;
    }

    public bool HasPlaced(string summonsId)
    {
        foreach (var f in Facts)
        {
            if (f is SummonsPlaced placed && placed.SummonsId == summonsId)
            {
                return true;
            }
        }

        return false;
    }

    public void Add(Fact fact) => Facts.Add(fact);

    /// <summary>The registration the projections show: the latest (by occurredAt, then log order) that is not retracted.</summary>
    public PersonRegistered? CurrentRegistration()
    {
        HashSet<string>? retracted = null;
        foreach (var f in Facts)
        {
            if (f is FactRetracted r)
            {
                (retracted ??= new(StringComparer.Ordinal)).Add(r.FactId);
            }
        }

        PersonRegistered? best = null;
        PersonRegistered? bestAny = null;
        foreach (var f in Facts)
        {
            if (f is PersonRegistered p)
            {
                if (bestAny is null || p.OccurredAt >= bestAny.OccurredAt)
                {
                    bestAny = p;
                }

                if (retracted?.Contains(p.Id) != true && (best is null || p.OccurredAt >= best.OccurredAt))
                {
                    best = p;
                }
            }
        }

        return best ?? bestAny;
    }

    /// <summary>Rebuilds a person's state from their stored rows (log order).</summary>
    public static PersonState FromRows(string personId, IEnumerable<(long Sequence, string Content)> rows)
    {
        var state = new PersonState(personId);
        foreach (var (sequence, content) in rows)
        {
            state.Add(StoredFact.Parse(sequence, content));
        }

        state.ProjectedRegistrationId = state.CurrentRegistration()?.Id;
        state.HasProjection = state.Facts.Count > 0;
        return state;
    }
}

/// <summary>Reads a fact back from the log.</summary>
internal static class StoredFact
{
    public static Fact Parse(long sequence, string content)
    {
        if (!FactJson.TryParse(content, Instant.MinValue, out var fact, out var error))
        {
            throw new StoreException($"the stored fact at sequence {sequence} cannot be read ({error}); run `muster audit verify`");
        }

        return fact!;
    }

    /// <summary>The same fact, RecordedAt aside: the register, not the sender, decides when it learnt a fact.</summary>
    public static bool Same(Fact incoming, Fact stored) => (incoming with { RecordedAt = stored.RecordedAt }).Equals(stored);
}
