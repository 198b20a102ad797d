using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// The answer to "what applies to this person at <see cref="At"/>, as the register knew at
/// <see cref="AsOf"/>": the restrictions in force, the ones that will start if nothing changes, and
/// the next instant at which this answer can change (null: never, unless a new fact arrives).
/// </summary>
/// <remarks>
/// The evaluator hands over one entry per (summons, rule), which is what it computed; the per-code
/// records of <see cref="InForce"/> and <see cref="Upcoming"/> are built on first use. The hot callers
/// (the border's <see cref="IsRestricted"/>, the status projection's <see cref="CodesInForce"/>)
/// never need them, so an evaluation allocates this object and one small array.
/// </remarks>
public sealed class PersonStatus
{
    // Entries in force first, then the upcoming ones; each part in order of start.
    private readonly StatusEntry[] _entries;
    private readonly int _inForceCount;
    private RestrictionInterval[]? _inForce;
    private RestrictionInterval[]? _upcoming;

    internal PersonStatus(string personId, Instant at, Instant asOf, StatusEntry[] entries, int inForceCount, Instant? nextChangeAt, ImmutableArray<string> warnings)
    {
        PersonId = personId;
        At = at;
        AsOf = asOf;
        _entries = entries;
        _inForceCount = inForceCount;
        NextChangeAt = nextChangeAt;
        Warnings = warnings;
    }

    public string PersonId { get; }

    public Instant At { get; }

    public Instant AsOf { get; }

    public Instant? NextChangeAt { get; }

    public ImmutableArray<string> Warnings { get; }

    /// <summary>Every restriction in force at <see cref="At"/>, one per code and cause, in a total order.</summary>
    public ImmutableArray<RestrictionInterval> InForce =>
        ImmutableCollectionsMarshal.AsImmutableArray(_inForce ?? Build(ref _inForce, 0, _inForceCount));

    /// <summary>Every restriction that starts after <see cref="At"/> unless a fact intervenes.</summary>
    public ImmutableArray<RestrictionInterval> Upcoming =>
        ImmutableCollectionsMarshal.AsImmutableArray(_upcoming ?? Build(ref _upcoming, _inForceCount, _entries.Length));

    /// <summary>Whether any restriction is in force at <see cref="At"/>.</summary>
    public bool IsRestrictedAtAll => _inForceCount > 0;

    /// <summary>Whether the restriction <paramref name="code"/> is in force at <see cref="At"/>, for any cause.</summary>
    public bool IsRestricted(string code)
    {
        for (var i = 0; i < _inForceCount; i++)
        {
            foreach (var c in _entries[i].Rule.Restrictions)
            {
                if (string.Equals(c, code, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The distinct codes in force at <see cref="At"/>, in ordinal order.</summary>
    public ImmutableArray<string> CodesInForce()
    {
        if (_inForceCount == 0)
        {
            return [];
        }

        var codes = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _inForceCount; i++)
        {
            codes.UnionWith(_entries[i].Rule.Restrictions);
        }

        return [.. codes];
    }

    private RestrictionInterval[] Build(ref RestrictionInterval[]? cache, int from, int to)
    {
        var items = StatusEntry.Records(_entries.AsSpan(from, to - from));

        // Two threads may build at once; both results are equal, and every reader keeps seeing one.
        return Interlocked.CompareExchange(ref cache, items, null) ?? items;
    }
}
