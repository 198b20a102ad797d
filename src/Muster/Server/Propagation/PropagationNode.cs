namespace Muster.Cli.Server.Propagation;

/// <summary>This node's identity and whether it leads propagation now (shown by GET /api/propagation).</summary>
public sealed class PropagationNode
{
    private volatile bool _leader;

    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public bool IsLeader
    {
        get => _leader;
        set => _leader = value;
    }
}
