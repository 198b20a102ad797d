namespace Muster.Core.Tests.Border;

/// <summary>What a field may contain, as the tests understand Doc 9303.</summary>
internal enum FieldSyntax
{
    DocumentCodeTd3,
    DocumentCodeCard,
    StateCode,
    Name,
    DocumentNumber,
    Date,
    Sex,
    Optional,
    CheckDigit,
}

/// <summary>One field of an MRZ layout: where it is (0-based line and start) and whether a check digit covers it.</summary>
internal sealed record LayoutField(string Name, int Line, int Start, int Length, FieldSyntax Syntax, bool Covered)
{
    public bool Contains(int line, int position) => line == Line && position >= Start && position < Start + Length;

    public string Of(string[] lines) => lines[Line].Substring(Start, Length);
}

/// <summary>
/// The test-side map of each format, written from Doc 9303 parts 4-6 independently of the parser's
/// slicing. "Covered" means some check digit (the field's own or the composite) includes it.
/// </summary>
internal sealed record MrzLayout(string Format, IReadOnlyList<LayoutField> Fields)
{
    public LayoutField FieldAt(int line, int position) => Fields.Single(f => f.Contains(line, position));

    public static readonly MrzLayout Td3 = new(
        "TD3",
        [
            new("documentCode", 0, 0, 2, FieldSyntax.DocumentCodeTd3, false),
            new("issuingState", 0, 2, 3, FieldSyntax.StateCode, false),
            new("names", 0, 5, 39, FieldSyntax.Name, false),
            new("documentNumber", 1, 0, 9, FieldSyntax.DocumentNumber, true),
            new("documentNumberCheck", 1, 9, 1, FieldSyntax.CheckDigit, true),
            new("nationality", 1, 10, 3, FieldSyntax.StateCode, false),
            new("birthDate", 1, 13, 6, FieldSyntax.Date, true),
            new("birthDateCheck", 1, 19, 1, FieldSyntax.CheckDigit, true),
            new("sex", 1, 20, 1, FieldSyntax.Sex, false),
            new("expiryDate", 1, 21, 6, FieldSyntax.Date, true),
            new("expiryDateCheck", 1, 27, 1, FieldSyntax.CheckDigit, true),
            new("optionalData", 1, 28, 14, FieldSyntax.Optional, true),
            new("optionalDataCheck", 1, 42, 1, FieldSyntax.CheckDigit, true),
            new("compositeCheck", 1, 43, 1, FieldSyntax.CheckDigit, false),
        ]);

    public static readonly MrzLayout Td2 = new(
        "TD2",
        [
            new("documentCode", 0, 0, 2, FieldSyntax.DocumentCodeCard, false),
            new("issuingState", 0, 2, 3, FieldSyntax.StateCode, false),
            new("names", 0, 5, 31, FieldSyntax.Name, false),
            new("documentNumber", 1, 0, 9, FieldSyntax.DocumentNumber, true),
            new("documentNumberCheck", 1, 9, 1, FieldSyntax.CheckDigit, true),
            new("nationality", 1, 10, 3, FieldSyntax.StateCode, false),
            new("birthDate", 1, 13, 6, FieldSyntax.Date, true),
            new("birthDateCheck", 1, 19, 1, FieldSyntax.CheckDigit, true),
            new("sex", 1, 20, 1, FieldSyntax.Sex, false),
            new("expiryDate", 1, 21, 6, FieldSyntax.Date, true),
            new("expiryDateCheck", 1, 27, 1, FieldSyntax.CheckDigit, true),
            new("optionalData", 1, 28, 7, FieldSyntax.Optional, true),
            new("compositeCheck", 1, 35, 1, FieldSyntax.CheckDigit, false),
        ]);

    public static readonly MrzLayout Td1 = new(
        "TD1",
        [
            new("documentCode", 0, 0, 2, FieldSyntax.DocumentCodeCard, false),
            new("issuingState", 0, 2, 3, FieldSyntax.StateCode, false),
            new("documentNumber", 0, 5, 9, FieldSyntax.DocumentNumber, true),
            new("documentNumberCheck", 0, 14, 1, FieldSyntax.CheckDigit, true),
            new("optionalData", 0, 15, 15, FieldSyntax.Optional, true),
            new("birthDate", 1, 0, 6, FieldSyntax.Date, true),
            new("birthDateCheck", 1, 6, 1, FieldSyntax.CheckDigit, true),
            new("sex", 1, 7, 1, FieldSyntax.Sex, false),
            new("expiryDate", 1, 8, 6, FieldSyntax.Date, true),
            new("expiryDateCheck", 1, 14, 1, FieldSyntax.CheckDigit, true),
            new("nationality", 1, 15, 3, FieldSyntax.StateCode, false),
            new("optionalData2", 1, 18, 11, FieldSyntax.Optional, true),
            new("compositeCheck", 1, 29, 1, FieldSyntax.CheckDigit, false),
            new("names", 2, 0, 30, FieldSyntax.Name, false),
        ]);
}
