namespace Muster.Core.Border;

/// <summary>The ICAO Doc 9303 machine-readable travel document formats this parser reads.</summary>
public enum MrzFormat
{
    /// <summary>ID-1 size card: 3 lines of 30 characters (Doc 9303 part 5).</summary>
    Td1,

    /// <summary>ID-2 size card: 2 lines of 36 characters (Doc 9303 part 6).</summary>
    Td2,

    /// <summary>Passport booklet: 2 lines of 44 characters (Doc 9303 part 4).</summary>
    Td3,
}
