using Muster.Core.Facts;

namespace Muster.Storage.Writing;

/// <summary>The rules a fact must keep to enter a person's log; each refusal says which.</summary>
internal static class FactRules
{
    public static string? Check(PersonState state, Fact fact)
    {
        if (fact.PersonId != state.PersonId)
        {
            return $"the fact is for person '{fact.PersonId}', not '{state.PersonId}'";
        }

        if (state.Facts.Count == 0 && fact is not PersonRegistered)
        {
            return $"person '{fact.PersonId}' is not registered: a person's first fact must be {PersonRegistered.TypeName}, not {fact.Type}";
        }

        return fact switch
        {
            SummonsPlaced placed when state.HasPlaced(placed.SummonsId) =>
                $"summons '{placed.SummonsId}' is already placed for person '{fact.PersonId}'",
            SummonsFact s and not SummonsPlaced when !state.HasPlaced(s.SummonsId) =>
                $"summonsId: summons '{s.SummonsId}' was not placed for person '{fact.PersonId}'",
            FactRetracted r when !state.TryGet(r.FactId, out _) =>
                $"factId: '{r.FactId}' is not a fact of person '{fact.PersonId}'",
            _ => null,
        };
    }
}
