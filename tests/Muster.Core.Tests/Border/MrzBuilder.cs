namespace Muster.Core.Tests.Border;

/// <summary>Writes MRZs for tests from field values, computing check digits with the test-side oracle.</summary>
internal static class MrzBuilder
{
    public static string[] Td3(
        string names, string number, string birth, string expiry,
        string state = "RUS", char sex = 'M', string optional = "", string code = "P<")
    {
        var line1 = code + Pad(state, 3) + Fit(names, 39);
        var num = Pad(number, 9);
        var opt = Pad(optional, 14);
        var optCheck = opt.All(c => c == '<') ? '<' : IcaoOracle.CheckChar(opt);
        var head = num + IcaoOracle.CheckChar(num);
        var birthPart = birth + IcaoOracle.CheckChar(birth);
        var expiryPart = expiry + IcaoOracle.CheckChar(expiry);
        var optPart = opt + optCheck;
        var line2 = head + Pad(state, 3) + birthPart + sex + expiryPart + optPart +
                    IcaoOracle.CheckChar(head + birthPart + expiryPart + optPart);
        return [line1, line2];
    }

    /// <summary>A TD1 card whose document number may be longer than 9 characters (Doc 9303 part 5 note j).</summary>
    public static string[] Td1(string names, string number, string birth, string expiry, string state = "UTO", string optional = "")
    {
        string upperNumber;
        string optional1;
        if (number.Length <= 9)
        {
            var num = Pad(number, 9);
            upperNumber = num + IcaoOracle.CheckChar(num);
            optional1 = Pad(optional, 15);
        }
        else
        {
            upperNumber = number[..9] + "<";
            optional1 = Pad(number[9..] + IcaoOracle.CheckChar(number) + "<" + optional, 15);
        }

        var line1 = "I<" + Pad(state, 3) + upperNumber + optional1;
        var line2 = birth + IcaoOracle.CheckChar(birth) + "F" + expiry + IcaoOracle.CheckChar(expiry) + Pad(state, 3) + Pad("", 11);
        var composite = IcaoOracle.CheckChar(line1[5..30] + line2[..7] + line2[8..15] + line2[18..29]);
        return [line1, line2 + composite, Fit(names, 30)];
    }

    public static string Pad(string s, int width) => s.PadRight(width, '<');

    /// <summary>Pads with fillers, or cuts at the field's end the way Doc 9303 truncates.</summary>
    public static string Fit(string s, int width) => s.Length >= width ? s[..width] : s.PadRight(width, '<');
}
