namespace Muster.Core.Border;

/// <summary>Sex as printed in the MRZ: 'F', 'M', or '&lt;' (also 'X', which some states print) for unspecified.</summary>
public enum MrzSex
{
    Unspecified,
    Female,
    Male,
}
