using System.Collections.Concurrent;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// One write a client sent and what came back. <see cref="Status"/> null: no answer (the server was
/// killed under it, or was not there): the write may or may not have happened, but never half.
/// </summary>
public sealed record Attempt(string Op, string PersonId, Answer Answer, string? FactId, long? Version)
{
    public int? Status => Answer.Status;

    public bool Acknowledged => Answer.IsSuccess;
}

/// <summary>Every write the clients of a test sent, in the order the answers came.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();

    public void Add(Attempt attempt) => _attempts.Enqueue(attempt);

    public IReadOnlyList<Attempt> All => [.. _attempts];

    public IReadOnlyList<Attempt> Acknowledged => [.. _attempts.Where(a => a.Acknowledged)];

    /// <summary>"812 writes: 700 acknowledged, 90 refused (409: 12, 503: 78), 22 unanswered".</summary>
    public string Summary()
    {
        var all = All;
        var refused = all.Where(a => a.Status is >= 300).GroupBy(a => a.Status!.Value).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        return $"{all.Count} writes: {all.Count(a => a.Acknowledged)} acknowledged, {all.Count(a => a.Status is >= 300)} refused ({string.Join(", ", refused)}), " +
            $"{all.Count(a => a.Status is null)} unanswered";
    }
}
