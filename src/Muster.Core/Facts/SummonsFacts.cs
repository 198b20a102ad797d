using NodaTime;

namespace Muster.Core.Facts;

/// <summary>A fact about one summons.</summary>
public abstract record SummonsFact : Fact
{
    private protected SummonsFact() { }

    public required string SummonsId { get; init; }
}

/// <summary>The summons was entered in the electronic register of summonses.</summary>
public sealed record SummonsPlaced : SummonsFact
{
    public const string TypeName = "summons.placed";
    public override string Type => TypeName;

    /// <summary>Code of the enlistment office that issued it.</summary>
    public required string Office { get; init; }

    /// <summary>When to appear, in the local time of the person's region.</summary>
    public required LocalDateTime AppearanceAt { get; init; }

    public string? Purpose { get; init; }
}

/// <summary>The person opened the summons in the personal account.</summary>
public sealed record SummonsOpened : SummonsFact
{
    public const string TypeName = "summons.opened";
    public override string Type => TypeName;
}

/// <summary>The summons was handed over against signature (office, workplace, school).</summary>
public sealed record SummonsHanded : SummonsFact
{
    public const string TypeName = "summons.handed";
    public override string Type => TypeName;
}

/// <summary>The summons was sent by registered mail (no legal effect until the post records delivery).</summary>
public sealed record SummonsMailed : SummonsFact
{
    public const string TypeName = "summons.mailed";
    public override string Type => TypeName;
}

/// <summary>The post recorded delivery of the registered letter.</summary>
public sealed record SummonsMailDelivered : SummonsFact
{
    public const string TypeName = "summons.mail_delivered";
    public override string Type => TypeName;
}

/// <summary>The enlistment office cancelled the summons.</summary>
public sealed record SummonsCancelled : SummonsFact
{
    public const string TypeName = "summons.cancelled";
    public override string Type => TypeName;

    public required string Reason { get; init; }
}

/// <summary>The office accepted a valid reason for not appearing on this summons.</summary>
public sealed record ValidReasonAccepted : SummonsFact
{
    public const string TypeName = "valid_reason.accepted";
    public override string Type => TypeName;

    public required string Reason { get; init; }
}
