namespace Muster.Core.Policies;

/// <summary>The event of a summons from which a term is counted.</summary>
public enum Anchor
{
    /// <summary>The instant the summons was placed in the register.</summary>
    Placed,

    /// <summary>The instant the summons was delivered in law (actual or deemed; see the policy's delivery rules).</summary>
    Delivered,

    /// <summary>The local date on which the summons orders the person to appear.</summary>
    AppearanceDate,

    /// <summary>
    /// The later of the appearance date and the local date of delivery: one cannot miss an
    /// appearance before one is deemed to have the summons.
    /// </summary>
    EffectiveAppearanceDate,
}
