using NodaTime;

namespace Muster.Core.Border;

/// <summary>
/// A date of birth as an MRZ states it. Doc 9303 lets a state fill unknown parts (year, month or
/// day) with fillers, so each part may be missing; <see cref="Date"/> is set only when all are known.
/// The year is already resolved to a century (see <see cref="MrzParser"/> for the pivot).
/// </summary>
public sealed record MrzBirthDate(int? Year, int? Month, int? Day)
{
    public bool IsComplete => Year is not null && Month is not null && Day is not null;

    /// <summary>The full date, or null if any part is unknown.</summary>
    public LocalDate? Date => IsComplete ? new LocalDate(Year!.Value, Month!.Value, Day!.Value) : null;

    /// <summary>Whether <paramref name="date"/> agrees with every part that is known.</summary>
    public bool Admits(LocalDate date) =>
        (Year is null || Year == date.Year) && (Month is null || Month == date.Month) && (Day is null || Day == date.Day);

    public override string ToString() =>
        $"{Year?.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) ?? "????"}-" +
        $"{Month?.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) ?? "??"}-" +
        $"{Day?.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) ?? "??"}";
}
