using Muster.Core.Facts;
using Muster.Core.Serialization;
using Muster.Storage.Audit;

namespace Muster.Storage.Writing;

/// <summary>What one fact came to in a plan.</summary>
internal enum PlanOutcome
{
    Stored,
    AlreadyPresent,
    Conflict,
    Rejected,
}

/// <summary>
/// Plans one transaction: decides for each fact whether it is new, already present, in conflict or
/// against the rules, and gives each new fact its sequence number and chain hashes (computed here,
/// in order, so the database only stores them). Person states are updated as facts are accepted.
/// </summary>
internal sealed class BatchPlan(ChainTip tip)
{
    public ChainTip Tip { get; private set; } = tip;
    public List<FactRow> Rows { get; } = [];
    public Dictionary<string, PersonState> Touched { get; } = new(StringComparer.Ordinal);

    /// <summary>Fact id → person, for the facts planned so far: the same id for two persons in one batch is a conflict here, not a failed insert.</summary>
    private readonly Dictionary<string, string> _planned = new(StringComparer.Ordinal);

    /// <param name="content">The canonical JSON of the fact if already computed.</param>
    /// <param name="ownerInStore">The person a stored fact with this id belongs to, if one is stored and not in the person's state.</param>
    public (PlanOutcome Outcome, string? Reason) Add(PersonState state, Fact fact, string? content, string? ownerInStore)
    {
        if (state.TryGet(fact.Id, out var stored))
        {
            return StoredFact.Same(fact, stored)
                ? (PlanOutcome.AlreadyPresent, null)
                : (PlanOutcome.Conflict, $"id: fact '{fact.Id}' is already stored with different content");
        }

        if (ownerInStore is not null)
        {
            return (PlanOutcome.Conflict, $"id: fact '{fact.Id}' is already stored for person '{ownerInStore}'");
        }

        if (_planned.TryGetValue(fact.Id, out var plannedFor))
        {
            return (PlanOutcome.Conflict, $"id: fact '{fact.Id}' is already used for person '{plannedFor}' earlier in this import");
        }

        if (FactRules.Check(state, fact) is { } reason)
        {
            return (PlanOutcome.Rejected, reason);
        }

        content ??= FactJson.Serialize(fact);
        var sequence = checked(Tip.Sequence + 1);
        var hash = AuditChain.Next(Tip.Hash, content);
        Rows.Add(new FactRow(sequence, fact.Id, fact.PersonId, fact.Type, content, Tip.Hash, hash));
        Tip = new ChainTip(sequence, hash);
        state.Add(fact);
        _planned[fact.Id] = fact.PersonId;
        Touched[state.PersonId] = state;
        return (PlanOutcome.Stored, null);
    }
}
