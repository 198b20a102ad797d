namespace Muster.Api.Tests.Support;

/// <summary>Builds a valid ICAO 9303 TD3 (passport) machine-readable zone, check digits included.</summary>
public static class Mrz
{
    public static string Td3(string issuingState, string nameField, string documentNumber, string nationality, string birthYymmdd, char sex, string expiryYymmdd)
    {
        var line1 = ("P<" + issuingState + nameField).PadRight(44, '<');
        var number = documentNumber.PadRight(9, '<');
        var personal = new string('<', 14);
        var part = number + Digit(number) + nationality + birthYymmdd + Digit(birthYymmdd) + sex + expiryYymmdd + Digit(expiryYymmdd) + personal + Digit(personal);
        var composite = part[..10] + part[13..20] + part[21..43];
        return line1 + "\n" + part + Digit(composite);
    }

    private static char Digit(string text)
    {
        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 0,
            };
            sum += value * weights[i % 3];
        }

        return (char)('0' + (sum % 10));
    }
}
