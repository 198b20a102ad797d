namespace Muster.Cli.Server.Propagation;

/// <summary>POST /api/webhooks: where to deliver (https), and from which outbox seq (default 0: every change of the agency). Admin keys name the agency.</summary>
public sealed record WebhookRequest(string? Url, long? From, string? Agency);

/// <summary>A subscription as shown to its agency; the secret appears only in the answer to its creation.</summary>
public sealed record WebhookResponse(
    string Id,
    string Agency,
    string Url,
    string Status,
    long Cursor,
    int Failures,
    string NextAttemptAt,
    string? LastAttemptAt,
    string? LastError,
    long Delivered,
    string CreatedAt,
    string? Secret);

public sealed record PropagationStatusResponse(
    string Node,
    bool Leader,
    string? LastSweep,
    long OutboxTip,
    long FactCursor,
    long FactTip,
    string? SweptAt,
    long NotifierCursor,
    long Notifications,
    IReadOnlyList<WebhookResponse> Webhooks);
