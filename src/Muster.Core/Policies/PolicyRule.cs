using System.Collections.Immutable;

namespace Muster.Core.Policies;

/// <summary>
/// One rule of a policy: these restrictions start when the term counted from the anchor has run,
/// for every summons the policy governs, unless lifted before; and they last until lifted.
/// </summary>
public sealed record PolicyRule(
    string Id,
    LocalizedText Title,
    ImmutableArray<string> Restrictions,
    Anchor Anchor,
    LegalTerm Term,
    string LegalBasis,
    ImmutableArray<Lifter> LiftedBy,
    LocalizedText HowToLift);
