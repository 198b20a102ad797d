using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>How a summons came to count as delivered.</summary>
public enum DeliveryMethod
{
    Handed,
    MailDelivered,
    Opened,
    Deemed,
}

/// <summary>What the register knows of one summons: its governing policy and its delivery in law.</summary>
public sealed record SummonsState(
    string SummonsId,
    string PlacedFactId,
    string? PolicyId,
    string Office,
    Instant PlacedAt,
    LocalDateTime AppearanceAt,
    Instant? DeliveredAt,
    DeliveryMethod? DeliveredBy,
    string? DeliveryFactId,
    Instant? OpenedAt,
    Instant? CancelledAt);
