namespace Muster.Core.Restrictions;

/// <summary>The stable codes of restrictions. Agencies, feeds and policies use these strings.</summary>
public static class RestrictionCode
{
    public const string TravelExit = "travel.exit";
    public const string BusinessRegister = "business.register";
    public const string TaxSelfEmployed = "tax.self_employed";
    public const string PropertyRegister = "property.register";
    public const string VehicleDrive = "vehicle.drive";
    public const string VehicleRegister = "vehicle.register";
    public const string CreditNew = "credit.new";
}
