namespace Muster.Core.Policies;

/// <summary>The kinds of fact that can lift restrictions, as named in policy files.</summary>
public enum LiftKind
{
    /// <summary>"appearance": an in-person appearance; lifts what every summons placed before it caused.</summary>
    Appearance,

    /// <summary>"valid_reason": a valid reason accepted for the summons.</summary>
    ValidReason,

    /// <summary>"deferment": a deferment; lifts what every summons placed before its end caused, from its first day.</summary>
    Deferment,

    /// <summary>"cancellation": the summons was cancelled.</summary>
    Cancellation,
}
