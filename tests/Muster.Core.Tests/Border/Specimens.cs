using NodaTime;

namespace Muster.Core.Tests.Border;

/// <summary>
/// The specimen MRZs published in ICAO Doc 9303 (8th ed.): part 4 (TD3), part 5 (TD1), part 6 (TD2).
/// Every check digit printed in them agrees with the 7-3-1 algorithm (verified by
/// <see cref="SpecimenCheckDigitTests"/> with the test-side <see cref="IcaoOracle"/>), so none had to be corrected.
/// </summary>
internal static class Specimens
{
    /// <summary>All dates are read relative to this day: the specimens' expiry (2012-04-15) then lies in the past.</summary>
    public static readonly LocalDate Today = new(2026, 3, 5);

    public static readonly string[] Td3 =
    [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];

    public static readonly string[] Td1 =
    [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];

    public static readonly string[] Td2 =
    [
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ];

    public static IEnumerable<(string Name, string[] Lines, MrzLayout Layout)> All()
    {
        yield return ("TD3", Td3, MrzLayout.Td3);
        yield return ("TD1", Td1, MrzLayout.Td1);
        yield return ("TD2", Td2, MrzLayout.Td2);
    }
}
