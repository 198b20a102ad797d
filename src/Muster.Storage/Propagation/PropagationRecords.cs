using NodaTime;

namespace Muster.Storage.Propagation;

/// <summary>One change as stored in the outbox: its commit-order position and the JSON every consumer gets, byte for byte.</summary>
public sealed record OutboxItem(long Seq, string ChangeId, string PersonId, string Agency, string Payload);

/// <summary>A page of the outbox after a cursor; <see cref="Next"/> is the cursor to ask with next (the last seq returned, or the one asked with).</summary>
public sealed record FeedPage(IReadOnlyList<OutboxItem> Items, long Next);

/// <summary>What one sweep transaction (or a run of them) did.</summary>
public sealed record SweepResult(int Persons, int Imposed, int Lifted, int Withdrawn, long OutboxTip, long FactCursor, long FactTip, bool More)
{
    public int Changes => Imposed + Lifted;

    public static SweepResult Empty(long outboxTip, long factCursor, long factTip) => new(0, 0, 0, 0, outboxTip, factCursor, factTip, false);

    public SweepResult Plus(SweepResult next) => new(
        Persons + next.Persons, Imposed + next.Imposed, Lifted + next.Lifted, Withdrawn + next.Withdrawn,
        next.OutboxTip, next.FactCursor, next.FactTip, next.More);
}

/// <summary>A message to the person about one change (its id is the change's id, its seq the change's outbox seq).</summary>
public sealed record NotificationRecord(
    long Seq,
    string ChangeId,
    string PersonId,
    Instant At,
    string Kind,
    string Code,
    string SummonsId,
    string SubjectEn,
    string SubjectRu,
    string BodyEn,
    string BodyRu);

/// <summary>Webhook subscription states.</summary>
public static class WebhookStatus
{
    /// <summary>Delivered to as changes come.</summary>
    public const string Active = "active";

    /// <summary>Too many consecutive failures: nothing is sent until a replay resumes it.</summary>
    public const string Parked = "parked";
}

/// <summary>
/// An agency's webhook subscription: where to POST, the HMAC secret, and how far delivery got
/// (<see cref="Cursor"/>: the last outbox seq the endpoint acknowledged).
/// </summary>
public sealed record WebhookRecord(
    string Id,
    string Agency,
    string Url,
    string Secret,
    Instant CreatedAt,
    string? CreatedBy,
    long Cursor,
    string Status,
    int Failures,
    Instant NextAttemptAt,
    Instant? LastAttemptAt,
    string? LastError,
    long Delivered);

/// <summary>Where propagation stands: the outbox tip, how far the sweeper got in the fact log, the notifier's cursor.</summary>
public sealed record PropagationStatus(long OutboxTip, long FactCursor, long FactTip, Instant? SweptAt, long NotifierCursor, long Notifications);

/// <summary>
/// One delivery attempt to one webhook, from the batch read to its outcome. On PostgreSQL the
/// subscription's row stays locked until <see cref="SucceededAsync"/> or <see cref="FailedAsync"/>
/// (or disposal, which gives up): two nodes can never deliver to one subscription at once.
/// </summary>
public abstract class WebhookDelivery : IAsyncDisposable
{
    public required WebhookRecord Webhook { get; init; }

    public required IReadOnlyList<OutboxItem> Items { get; init; }

    /// <summary>The endpoint acknowledged the batch: the cursor moves to its last seq and the failures are forgotten.</summary>
    public abstract Task SucceededAsync(Instant at, CancellationToken cancellationToken);

    /// <summary>The attempt failed: count it; retry at <paramref name="nextAttemptAt"/>, or park the subscription.</summary>
    public abstract Task FailedAsync(Instant at, Instant nextAttemptAt, bool park, string error, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// Leadership of propagation among the nodes on one database: while held, this node alone sweeps and
/// dispatches. <see cref="CheckAsync"/> says whether it is still held (a lost connection loses it).
/// </summary>
public interface ILeadership : IAsyncDisposable
{
    Task<bool> CheckAsync(CancellationToken cancellationToken);
}
