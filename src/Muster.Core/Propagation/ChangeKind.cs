namespace Muster.Core.Propagation;

/// <summary>What happened to a restriction, as agencies and the person are told.</summary>
public enum ChangeKind
{
    /// <summary>The restriction started to apply.</summary>
    Imposed,

    /// <summary>The restriction stopped applying: lifted by a fact, or withdrawn because the facts behind it were retracted.</summary>
    Lifted,
}
