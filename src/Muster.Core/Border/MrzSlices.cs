using System.Collections.Immutable;

namespace Muster.Core.Border;

/// <summary>
/// The fields of one MRZ cut out of its lines by position, not yet validated. The three formats
/// differ only in where the fields sit, so one validator (<see cref="MrzFieldReader"/>) serves all.
/// </summary>
internal sealed record MrzSlices
{
    public required MrzFormat Format { get; init; }
    public required ImmutableArray<string> Lines { get; init; }
    public required string DocumentCode { get; init; }
    public required string IssuingState { get; init; }
    public required string Names { get; init; }
    public required string DocumentNumber { get; init; }
    public required char DocumentNumberCheck { get; init; }
    public required string Nationality { get; init; }
    public required string BirthDate { get; init; }
    public required char BirthDateCheck { get; init; }
    public required char Sex { get; init; }
    public required string ExpiryDate { get; init; }
    public required char ExpiryDateCheck { get; init; }

    /// <summary>TD3 personal number, TD1 line-1 optional data, TD2 optional data.</summary>
    public required string OptionalData { get; init; }

    /// <summary>TD3 only: the personal number's own check digit.</summary>
    public required char? OptionalDataCheck { get; init; }

    /// <summary>TD1 only: line-2 optional data.</summary>
    public required string OptionalData2 { get; init; }

    /// <summary>Whether a '&lt;' in the document number check position means "continued in the optional data".</summary>
    public required bool AllowsLongDocumentNumber { get; init; }

    /// <summary>The characters the composite check digit covers, in order.</summary>
    public required string CompositeData { get; init; }

    public required char CompositeCheck { get; init; }

    // Positions below are Doc 9303's, 1-based, turned into 0-based Substring arguments.
    public static MrzSlices Td3(string l1, string l2) => new()
    {
        Format = MrzFormat.Td3,
        Lines = [l1, l2],
        DocumentCode = l1[..2],
        IssuingState = l1[2..5],
        Names = l1[5..44],
        DocumentNumber = l2[..9],
        DocumentNumberCheck = l2[9],
        Nationality = l2[10..13],
        BirthDate = l2[13..19],
        BirthDateCheck = l2[19],
        Sex = l2[20],
        ExpiryDate = l2[21..27],
        ExpiryDateCheck = l2[27],
        OptionalData = l2[28..42],
        OptionalDataCheck = l2[42],
        OptionalData2 = "",
        AllowsLongDocumentNumber = false,
        CompositeData = string.Concat(l2[..10], l2[13..20], l2[21..43]),
        CompositeCheck = l2[43],
    };

    public static MrzSlices Td2(string l1, string l2) => new()
    {
        Format = MrzFormat.Td2,
        Lines = [l1, l2],
        DocumentCode = l1[..2],
        IssuingState = l1[2..5],
        Names = l1[5..36],
        DocumentNumber = l2[..9],
        DocumentNumberCheck = l2[9],
        Nationality = l2[10..13],
        BirthDate = l2[13..19],
        BirthDateCheck = l2[19],
        Sex = l2[20],
        ExpiryDate = l2[21..27],
        ExpiryDateCheck = l2[27],
        OptionalData = l2[28..35],
        OptionalDataCheck = null,
        OptionalData2 = "",
        AllowsLongDocumentNumber = true,
        CompositeData = string.Concat(l2[..10], l2[13..20], l2[21..35]),
        CompositeCheck = l2[35],
    };

    public static MrzSlices Td1(string l1, string l2, string l3) => new()
    {
        Format = MrzFormat.Td1,
        Lines = [l1, l2, l3],
        DocumentCode = l1[..2],
        IssuingState = l1[2..5],
        DocumentNumber = l1[5..14],
        DocumentNumberCheck = l1[14],
        OptionalData = l1[15..30],
        BirthDate = l2[..6],
        BirthDateCheck = l2[6],
        Sex = l2[7],
        ExpiryDate = l2[8..14],
        ExpiryDateCheck = l2[14],
        Nationality = l2[15..18],
        OptionalData2 = l2[18..29],
        OptionalDataCheck = null,
        AllowsLongDocumentNumber = true,
        CompositeData = string.Concat(l1[5..30], l2[..7], l2[8..15], l2[18..29]),
        CompositeCheck = l2[29],
        Names = l3,
    };
}
