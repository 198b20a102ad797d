namespace Muster.Cli.Server.Propagation;

/// <summary>
/// The settings of propagation in `muster serve`, bound from "Muster:Propagation" (e.g. the environment
/// variable Muster__Propagation__MaxFailures=12). See docs/integration.md and docs/api.md.
/// </summary>
public sealed class PropagationOptions
{
    public const string Section = "Muster:Propagation";

    /// <summary>Whether this node takes part in leadership (sweeper, dispatcher, notifier). false: it only serves the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between sweeps when there is nothing left to sweep.</summary>
    public double SweepIntervalSeconds { get; set; } = 1;

    /// <summary>Persons per sweep transaction (short transactions: appends wait for them).</summary>
    public int SweepBatch { get; set; } = 1000;

    /// <summary>How often the leader checks it still holds the lock, and a follower tries to take it.</summary>
    public double LeaderCheckSeconds { get; set; } = 1;

    /// <summary>Seconds between looks for work when the dispatcher and notifier found none.</summary>
    public double DispatchPollSeconds { get; set; } = 0.2;

    /// <summary>Changes per webhook request.</summary>
    public int WebhookBatch { get; set; } = 500;

    /// <summary>Webhook endpoints delivered to at once.</summary>
    public int WebhookParallelism { get; set; } = 4;

    /// <summary>How long an endpoint has to answer before the attempt counts as failed.</summary>
    public double WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Consecutive failures after which a subscription is parked (until replayed).</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>Backoff: the n-th consecutive failure waits a random time in [0, min(max, base × 2^(n-1))] ("full jitter").</summary>
    public double BackoffBaseSeconds { get; set; } = 1;

    public double BackoffMaxSeconds { get; set; } = 600;

    /// <summary>TEST ONLY: also accept http:// webhook endpoints on loopback (127.0.0.1, ::1, localhost). Production requires https.</summary>
    public bool AllowInsecureLoopbackWebhooks { get; set; }

    /// <summary>How the person is told: "file" (JSON Lines, the default), "smtp", or "none".</summary>
    public string Notifier { get; set; } = "file";

    /// <summary>The file notifier's file; default: beside the SQLite database (NAME.notifications.jsonl), else ./data/notifications.jsonl.</summary>
    public string? NotifierFile { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP notifier: the relay, the sender, and where a person's mail goes.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "muster@localhost";

    /// <summary>The recipient; "{personId}" is replaced by the person's id (the mail gateway of the personal account resolves it).</summary>
    public string To { get; set; } = "{personId}@accounts.invalid";

    /// <summary>"ru" or "en": the language of subject and body first; the other follows.</summary>
    public string Language { get; set; } = "ru";
}
