using Muster.Core.Evaluation;
using Muster.Core.Restrictions;
using NodaTime;

namespace Muster.Core.Tests.Support;

internal static class Expect
{
    public static readonly string[] InterimMeasures =
    [
        RestrictionCode.BusinessRegister, RestrictionCode.CreditNew, RestrictionCode.PropertyRegister,
        RestrictionCode.TaxSelfEmployed, RestrictionCode.VehicleDrive, RestrictionCode.VehicleRegister,
    ];

    /// <summary>The codes in force, sorted and distinct: the shape most assertions care about.</summary>
    public static string[] Codes(this PersonStatus e) => e.InForce.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static string[] UpcomingCodes(this PersonStatus e) => e.Upcoming.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static string[] AllCodes => [RestrictionCode.TravelExit, .. InterimMeasures];

    public static string[] Sorted(params string[] codes) => codes.Order(StringComparer.Ordinal).ToArray();

    /// <summary>A stable text form of an evaluation, to compare two of them structurally.</summary>
    public static string Describe(this PersonStatus e) =>
        string.Join("|", e.InForce.Select(Describe)) + " / " + string.Join("|", e.Upcoming.Select(Describe)) + " / " + e.NextChangeAt;

    public static string Describe(RestrictionInterval r) =>
        $"{r.Code}@{r.SummonsId}:{r.Rule.Id}[{r.Start},{r.End})<{string.Join(",", r.CausedBy)}>{r.LiftedByFactId}";

    public static Instant Sec(this Instant i, int seconds) => i + Duration.FromSeconds(seconds);
}
