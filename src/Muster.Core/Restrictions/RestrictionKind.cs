namespace Muster.Core.Restrictions;

/// <summary>One entry of the restriction catalog: what it forbids and who enforces it.</summary>
public sealed record RestrictionKind(string Code, Agency Agency, string TitleEn, string TitleRu);
