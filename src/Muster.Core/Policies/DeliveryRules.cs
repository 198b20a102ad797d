namespace Muster.Core.Policies;

/// <summary>What counts as delivery of a summons in law.</summary>
public sealed record DeliveryRules(bool ByHandOver, bool ByMail, bool ByOpening, LegalTerm? DeemedAfterPlacement, string LegalBasis);
