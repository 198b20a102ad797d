using Muster.Storage;

namespace Muster.Cli.Server;

/// <summary>
/// The settings of `muster serve`, bound from the "Muster" configuration section (command-line
/// options, MUSTER__* environment variables or appsettings.json). See docs/api.md.
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "Muster";

    /// <summary>The store: sqlite:PATH or postgres:CONNECTION-STRING.</summary>
    public string Db { get; set; } = StoreFactory.DefaultDb;

    /// <summary>The policies folder; null: the policies shipped with the program.</summary>
    public string? Policies { get; set; }

    /// <summary>
    /// TEST ONLY: a file holding one ISO-8601 instant that the server takes as "now" (re-read when the
    /// file changes). Lets the end-to-end tests walk weeks of legal time in seconds. Never set in production.
    /// </summary>
    public string? ClockFile { get; set; }

    /// <summary>How long a looked-up API key is trusted before it is read again (so a revocation takes at most this long).</summary>
    public double KeyCacheSeconds { get; set; } = 5;

    /// <summary>Requests per second each key may make on average (a token bucket)...</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>...and how many it may make at once.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>
    /// How often this node reads the facts other nodes and processes appended (its caches forget what
    /// changed); 0: no following and no caching of look-ups that writes elsewhere could make stale.
    /// </summary>
    public int FollowLogMilliseconds { get; set; } = 100;

    /// <summary>
    /// SQLite: officials' reads are answered once written to this node's access journal, and moved into
    /// the access log every this many milliseconds (docs/security.md); 0: written to the access log before
    /// answering, one transaction per group of reads. PostgreSQL always does the latter (a node's disk
    /// may not outlive the node).
    /// <para>A second, not less: each move rewrites every page of the access log's per-person index that
    /// its records touch, and at border-check rates a move every 100 ms wrote about 2.5 KB of pages per
    /// record and cost a check about a tenth of its CPU (docs/benchmarks.md, "API"). Reads of the access log
    /// through the node that answered see its records at once (it moves its journal first).</para>
    /// </summary>
    public int AccessJournalMoveMilliseconds { get; set; } = 1000;

    /// <summary>The largest JSON request body, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body of POST /api/import (JSON Lines), in bytes.</summary>
    public long MaxImportBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How the server logs ("Muster:Logging").</summary>
    public LogSettings Logging { get; set; } = new();
}

/// <summary>"Muster:Logging": the shape of the server's log lines (docs/operations.md).</summary>
public sealed class LogSettings
{
    /// <summary>One JSON object per line on standard output (for a log shipper), instead of text. Same as Logging:Console:FormatterName=json.</summary>
    public bool Json { get; set; }
}
