using System.Collections.Frozen;

namespace Muster.Core.Restrictions;

/// <summary>The closed list of restrictions Muster knows. Policies may only name these codes.</summary>
public static class RestrictionCatalog
{
    public static readonly IReadOnlyList<RestrictionKind> All =
    [
        new(RestrictionCode.TravelExit, Agency.Border,
            "May not leave the country", "Запрет на выезд из Российской Федерации"),
        new(RestrictionCode.BusinessRegister, Agency.Tax,
            "May not register as an individual entrepreneur", "Запрет на регистрацию в качестве индивидуального предпринимателя"),
        new(RestrictionCode.TaxSelfEmployed, Agency.Tax,
            "May not use the professional income tax (self-employed) regime", "Запрет на применение налога на профессиональный доход"),
        new(RestrictionCode.PropertyRegister, Agency.PropertyRegistry,
            "No registration of rights to or transactions in real estate", "Запрет на государственную регистрацию прав на недвижимое имущество и сделок с ним"),
        new(RestrictionCode.VehicleDrive, Agency.TrafficPolice,
            "May not drive (licence suspended)", "Запрет на управление транспортными средствами"),
        new(RestrictionCode.VehicleRegister, Agency.TrafficPolice,
            "May not register vehicles", "Запрет на регистрацию транспортных средств"),
        new(RestrictionCode.CreditNew, Agency.CreditBureaus,
            "May not take new loans or credit", "Запрет на получение новых кредитов и займов"),
    ];

    private static readonly FrozenDictionary<string, RestrictionKind> ByCode =
        All.ToFrozenDictionary(k => k.Code, StringComparer.Ordinal);

    public static bool TryGet(string code, out RestrictionKind kind) => ByCode.TryGetValue(code, out kind!);

    public static RestrictionKind Get(string code) =>
        ByCode.TryGetValue(code, out var kind) ? kind : throw new KeyNotFoundException($"unknown restriction code '{code}'");

    public static IEnumerable<RestrictionKind> EnforcedBy(string agencyCode) =>
        All.Where(k => k.Agency.Code == agencyCode);
}
