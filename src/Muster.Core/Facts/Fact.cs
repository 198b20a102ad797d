using NodaTime;

namespace Muster.Core.Facts;

/// <summary>
/// Something that happened, as the register learnt it. Facts are never changed or deleted;
/// a mistake is corrected by a <see cref="FactRetracted"/> naming the fact.
/// The hierarchy is closed (private protected constructor) so a switch over it is exhaustive.
/// </summary>
public abstract record Fact
{
    private protected Fact() { }

    /// <summary>Unique id of this fact; appending the same id twice stores it once.</summary>
    public required string Id { get; init; }

    public required string PersonId { get; init; }

    /// <summary>When it happened in the world. Legal effects are computed from this.</summary>
    public required Instant OccurredAt { get; init; }

    /// <summary>When the register learnt it. Evaluations "as of" an instant see only facts recorded by then.</summary>
    public required Instant RecordedAt { get; init; }

    /// <summary>Who recorded it (a clerk's id, "person", "post", "import", ...).</summary>
    public string? Actor { get; init; }

    /// <summary>Through what it came: "office", "portal", "post", "import", ...</summary>
    public string? Channel { get; init; }

    /// <summary>The stable type name used in the JSON Lines format, e.g. "summons.placed".</summary>
    public abstract string Type { get; }
}
