namespace Muster.Core.Border;

/// <summary>
/// Why an MRZ was refused: the field (camelCase, e.g. "documentNumber", or "mrz" for the text as a
/// whole) and what is wrong with it, e.g. "check digit 3 expected, found 7".
/// </summary>
public sealed record MrzProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
