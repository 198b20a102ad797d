using NodaTime;

namespace Muster.Core.Facts;

/// <summary>The person appeared in person at an enlistment office, recorded by a clerk there.</summary>
public sealed record AppearanceRecorded : Fact
{
    public const string TypeName = "appearance.recorded";
    public override string Type => TypeName;

    public required string Office { get; init; }
}

/// <summary>A deferment from call-up for the local dates From..Until, both inclusive.</summary>
public sealed record DefermentGranted : Fact
{
    public const string TypeName = "deferment.granted";
    public override string Type => TypeName;

    public required LocalDate From { get; init; }
    public required LocalDate Until { get; init; }
    public required string Basis { get; init; }
}

/// <summary>An earlier fact was a mistake. The target stays in the log but no longer counts.</summary>
public sealed record FactRetracted : Fact
{
    public const string TypeName = "fact.retracted";
    public override string Type => TypeName;

    public required string FactId { get; init; }
    public required string Reason { get; init; }
}
