using Muster.Core.Facts;

namespace Muster.Core.Border;

/// <summary>
/// The outcome of <see cref="MrzMatcher"/>: exactly one person, several (never narrowed down by
/// guessing), or none. A closed hierarchy, so a switch over it is exhaustive.
/// </summary>
public abstract record MrzMatch
{
    private MrzMatch() { }

    /// <summary>Exactly one registered person fits, found by <paramref name="How"/>.</summary>
    public sealed record Matched(PersonRegistered Person, MatchBasis How) : MrzMatch;

    /// <summary>
    /// <paramref name="Count"/> different people fit equally well at the step <paramref name="At"/>;
    /// the holder must be identified by other means.
    /// </summary>
    public sealed record Ambiguous(int Count, MatchBasis At) : MrzMatch;

    /// <summary>No registered person fits.</summary>
    public sealed record NotFound : MrzMatch
    {
        public static readonly NotFound Instance = new();
    }
}
