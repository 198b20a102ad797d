namespace Muster.Core.Border.Snapshot;

/// <summary>
/// The outcome of loading or applying: either a verified value or a refusal, never both, never
/// neither. Hostile bytes end here as a refusal, not as an exception.
/// </summary>
public sealed record SnapshotResult<T>
    where T : class
{
    private SnapshotResult(T? value, SnapshotRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public SnapshotRefusal? Refusal { get; }

    public bool IsAccepted => Value is not null;

    public static SnapshotResult<T> Accepted(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static SnapshotResult<T> Refused(SnapshotRefusalReason reason, string message) => new(null, new SnapshotRefusal(reason, message));

    public override string ToString() => IsAccepted ? $"accepted {Value}" : $"refused: {Refusal}";
}
