using Muster.Core.Facts;

namespace Muster.Core.Border;

/// <summary>
/// The ways a registered person's name may appear in an MRZ, each written the MRZ way
/// ("SMIRNOV&lt;&lt;ALEKSEI"): the ICAO transliteration of the Cyrillic name, with and without the
/// patronymic (international passports omit it, internal ones include it), and the recorded
/// Latin name, which covers passports issued under older transliteration rules.
/// </summary>
internal static class PersonNameForms
{
    public static IEnumerable<string> Of(PersonRegistered person)
    {
        var family = Latin(person.FamilyName);
        var given = Latin(person.GivenNames);
        yield return MrzNames.Encode(family, given);

        if (!string.IsNullOrWhiteSpace(person.Patronymic))
        {
            yield return MrzNames.Encode(family, $"{given} {Latin(person.Patronymic)}");
        }

        if (!string.IsNullOrWhiteSpace(person.LatinName))
        {
            var (primary, secondary) = MrzNames.Split(person.LatinName.ToUpperInvariant());
            yield return MrzNames.Encode(primary, secondary);
        }
    }

    /// <summary>
    /// Whether <paramref name="form"/>, written into a name field of the same length as
    /// <paramref name="nameField"/> (padded with fillers, or cut at the field's end as Doc 9303
    /// part 3 truncates), is exactly that field. Cutting covers names too long for the field.
    /// </summary>
    public static bool Fits(string form, string nameField)
    {
        if (form.Length == 0)
        {
            return false;
        }

        var width = nameField.Length;
        var written = form.Length >= width ? form[..width] : form.PadRight(width, '<');
        return string.Equals(written, nameField, StringComparison.Ordinal);
    }

    private static string Latin(string? cyrillic) => MrzNames.Normalize(IcaoTransliteration.ToLatin(cyrillic));
}
