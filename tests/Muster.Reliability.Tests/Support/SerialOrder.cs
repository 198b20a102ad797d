using Muster.Cli.Server.Register;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using NodaTime;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// Replays a person's log in order and checks that each fact was a legal decision on the facts before
/// it — the checks the API makes before it appends (a summons acted on was placed, not retracted, not
/// cancelled; handed over once; opened once; a retraction names a standing fact). If two clients had
/// decided on the same stale record, one of their facts would fail here: that is a lost update.
/// </summary>
public static class SerialOrder
{
    public static IReadOnlyList<string> Violations(string personId, IReadOnlyList<Fact> log)
    {
        var violations = new List<string>();
        for (var i = 1; i < log.Count; i++)
        {
            var before = new PersonRecord(personId, log.Take(i).ToList(), i);
            if (Why(before, log[i]) is { } why)
            {
                violations.Add($"fact {i + 1} ({log[i].Type} {log[i].Id}): {why}");
            }
        }

        return violations;
    }

    private static string? Why(PersonRecord before, Fact fact)
    {
        switch (fact)
        {
            case FactRetracted r:
                return before.Find(r.FactId) is null ? $"retracts {r.FactId}, not in the log before it"
                    : before.IsRetracted(r.FactId) ? $"retracts {r.FactId}, already retracted" : null;
            case SummonsPlaced:
                return null;
            case SummonsFact s:
                var state = Evaluator.Timeline(before.Facts, Reconciliation.Policies, Instant.MaxValue).Summonses.FirstOrDefault(x => x.SummonsId == s.SummonsId);
                if (state is null)
                {
                    return $"acts on summons {s.SummonsId}, not placed (or retracted) before it";
                }

                if (state.CancelledAt is not null)
                {
                    return $"acts on summons {s.SummonsId}, cancelled before it";
                }

                return s switch
                {
                    SummonsHanded when state.DeliveredBy == DeliveryMethod.Handed => $"hands over summons {s.SummonsId} a second time",
                    SummonsOpened when before.All.OfType<SummonsOpened>().Any(o => o.SummonsId == s.SummonsId && !before.IsRetracted(o.Id)) =>
                        $"opens summons {s.SummonsId} a second time",
                    _ => null,
                };
            default:
                return null;
        }
    }
}
