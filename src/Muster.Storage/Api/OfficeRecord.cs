namespace Muster.Storage.Api;

/// <summary>An enlistment office: its code (as on summonses), the ISO 3166-2 region it serves, its name.</summary>
public sealed record OfficeRecord(string Code, string Region, string Name);
