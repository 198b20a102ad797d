namespace Muster.Cli.Server.Propagation;

/// <summary>This node's identity and whether it leads propagation now (shown by GET /api/propagation).</summary>
public sealed class PropagationNode
{
    private volatile bool _leader;
    private long _lastSweepTicks = long.MinValue;

    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public bool IsLeader
    {
        get => _leader;
        set => _leader = value;
    }

    /// <summary>The "now" of this node's last complete sweep (every due and touched person done), while it leads.</summary>
    public NodaTime.Instant? LastSweep
    {
        get => Interlocked.Read(ref _lastSweepTicks) is var t && t == long.MinValue ? null : NodaTime.Instant.FromUnixTimeTicks(t);
        set => Interlocked.Exchange(ref _lastSweepTicks, value?.ToUnixTimeTicks() ?? long.MinValue);
    }
}
