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
    /// Several different <paramref name="People"/> fit equally well at the step <paramref name="At"/>;
    /// the holder must be identified by other means. They are named so the caller can still say
    /// what is true of all of them (e.g. none may leave) and log the read of each.
    /// </summary>
    public sealed record Ambiguous(IReadOnlyList<PersonRegistered> People, MatchBasis At) : MrzMatch
    {
        public int Count => People.Count;
    }

    /// <summary>No registered person fits.</summary>
    public sealed record NotFound : MrzMatch
    {
        public static readonly NotFound Instance = new();
    }
}
