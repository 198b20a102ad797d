using NodaTime;

namespace Muster.Storage.Propagation;

/// <summary>
/// Propagation beside the fact log: the sweeper's transaction (re-evaluate the persons that are due or
/// that new facts touched; write their status, the missing restriction changes into the outbox and a
/// notification per change, all at once), the agency feed over the outbox, the person's notifications,
/// webhook subscriptions and their deliveries, and leadership among nodes. Open one with
/// <see cref="PropagationStore.OpenAsync"/> on the same connection text as the store.
/// Driver errors become <see cref="StoreException"/>.
/// </summary>
public interface IPropagationStore : IAsyncDisposable
{
    string Engine { get; }

    /// <summary>
    /// One sweep transaction at <paramref name="now"/>: up to <paramref name="maxPersons"/> persons touched by
    /// facts after the sweep cursor, then persons whose next change is due. <see cref="SweepResult.More"/>: call again.
    /// </summary>
    Task<SweepResult> SweepOnceAsync(Instant now, int maxPersons, CancellationToken cancellationToken = default);

    /// <summary>Sweeps until nothing is left at <paramref name="now"/>.</summary>
    Task<SweepResult> SweepAsync(Instant now, int maxPersons, CancellationToken cancellationToken = default);

    /// <summary>Changes after <paramref name="after"/> in commit order, only those of <paramref name="agency"/> when given.</summary>
    Task<FeedPage> ReadFeedAsync(string? agency, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The person's notifications, newest first.</summary>
    Task<IReadOnlyList<NotificationRecord>> NotificationsOfAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Notifications after the notifier's cursor, oldest first.</summary>
    Task<IReadOnlyList<NotificationRecord>> UnsentNotificationsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Moves the notifier's cursor (never backwards).</summary>
    Task MarkNotifiedAsync(long upToSeq, CancellationToken cancellationToken = default);

    Task<PropagationStatus> StatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Per agency with webhook subscriptions: the changes of that agency after each subscription's cursor, summed over them (not yet acknowledged).</summary>
    Task<IReadOnlyDictionary<string, long>> OutboxDepthAsync(CancellationToken cancellationToken = default);

    Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken = default);

    Task<WebhookRecord?> FindWebhookAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every subscription, or those of one agency.</summary>
    Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string? agency, CancellationToken cancellationToken = default);

    Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Sets the cursor to <paramref name="from"/> and makes the subscription active with no failures, to be retried at once.</summary>
    Task<bool> ReplayWebhookAsync(string id, long from, Instant now, CancellationToken cancellationToken = default);

    /// <summary>Active subscriptions whose next attempt has come and that may have something to deliver.</summary>
    Task<IReadOnlyList<WebhookRecord>> DueWebhooksAsync(Instant now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a delivery to an active subscription: its next batch of up to <paramref name="limit"/> changes.
    /// Null when there is nothing to send, it is not active, or another node is delivering to it.
    /// </summary>
    Task<WebhookDelivery?> BeginDeliveryAsync(string id, int limit, CancellationToken cancellationToken = default);

    /// <summary>Tries to become the node that sweeps and dispatches (null: another node is).</summary>
    Task<ILeadership?> TryLeadAsync(CancellationToken cancellationToken = default);
}
