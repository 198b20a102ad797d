namespace Muster.Core.Policies;

/// <summary>
/// One way to lift a rule's restrictions: a kind of fact, optionally only when it came through
/// certain channels (e.g. a valid reason accepted at the office, but not one sent online).
/// </summary>
public sealed record Lifter(LiftKind Kind, IReadOnlyList<string> Channels, LocalizedText? Explanation)
{
    public bool Accepts(string? channel)
    {
        if (Channels.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < Channels.Count; i++)
        {
            if (string.Equals(Channels[i], channel, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool SameAs(Lifter other) =>
        Kind == other.Kind && Channels.SequenceEqual(other.Channels, StringComparer.Ordinal) && Explanation == other.Explanation;

    public static string Name(LiftKind kind) => kind switch
    {
        LiftKind.Appearance => "appearance",
        LiftKind.ValidReason => "valid_reason",
        LiftKind.Deferment => "deferment",
        LiftKind.Cancellation => "cancellation",
        _ => kind.ToString(),
    };
}
