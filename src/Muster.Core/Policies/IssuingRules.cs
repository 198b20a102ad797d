namespace Muster.Core.Policies;

/// <summary>Checks made when a summons is issued; a summons that fails one is refused.</summary>
public sealed record IssuingRules(int? MaxDaysToAppearance, string? LegalBasis);
