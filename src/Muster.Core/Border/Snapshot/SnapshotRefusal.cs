namespace Muster.Core.Border.Snapshot;

/// <summary>A refused snapshot or delta: the reason, and a sentence an officer or operator can act on.</summary>
public sealed record SnapshotRefusal(SnapshotRefusalReason Reason, string Message)
{
    public override string ToString() => Message;
}
