using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Muster.Core.Border;

/// <summary>
/// Validates the sliced fields of one MRZ and builds the <see cref="Mrz"/>. It reports every
/// problem it finds rather than the first, so an officer sees at once whether a scan is garbled
/// in one place or is not an MRZ at all.
/// </summary>
internal sealed class MrzFieldReader
{
    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ<");

    private readonly MrzSlices _s;
    private readonly LocalDate _reference;
    private readonly List<MrzProblem> _problems = [];

    private MrzFieldReader(MrzSlices slices, LocalDate reference)
    {
        _s = slices;
        _reference = reference;
    }

    public static MrzParseResult Read(MrzSlices slices, LocalDate reference) => new MrzFieldReader(slices, reference).Read();

    private MrzParseResult Read()
    {
        var documentCode = ReadDocumentCode();
        var issuingState = ReadStateCode("issuingState", _s.IssuingState);
        var (primary, secondary) = ReadNames();
        var (documentNumber, documentCheck, optionalData) = ReadDocumentNumber();
        var nationality = ReadStateCode("nationality", _s.Nationality);
        var birthDate = ReadBirthDate();
        Check("birthDate", _s.BirthDate, _s.BirthDateCheck);
        var sex = ReadSex();
        var expiryDate = ReadExpiryDate();
        Check("expiryDate", _s.ExpiryDate, _s.ExpiryDateCheck);
        ReadOptionalDataCheck();
        Check("composite", _s.CompositeData, _s.CompositeCheck);

        if (_problems.Count > 0 || birthDate is null || expiryDate is null)
        {
            return MrzParseResult.Invalid(_problems);
        }

        return MrzParseResult.Valid(new Mrz
        {
            Format = _s.Format,
            DocumentCode = documentCode,
            IssuingState = issuingState,
            PrimaryIdentifier = primary,
            SecondaryIdentifier = secondary,
            NameField = _s.Names,
            DocumentNumber = documentNumber,
            Nationality = nationality,
            BirthDate = birthDate,
            Sex = sex,
            ExpiryDate = expiryDate.Value,
            OptionalData = optionalData.TrimEnd('<'),
            OptionalData2 = _s.OptionalData2.TrimEnd('<'),
            CheckDigits = new MrzCheckDigits(documentCheck, _s.BirthDateCheck, _s.ExpiryDateCheck, _s.OptionalDataCheck, _s.CompositeCheck),
            Lines = _s.Lines,
        });
    }

    private void Problem(string field, string message) => _problems.Add(new MrzProblem(field, message));

    private bool Check(string field, string data, char found)
    {
        var expected = MrzCheckDigit.Compute(data);
        if (found - '0' == expected)
        {
            return true;
        }

        Problem(field, $"check digit {expected} expected, found {found}");
        return false;
    }

    private string ReadDocumentCode()
    {
        var code = _s.DocumentCode;
        var kind = code[0];
        if (kind == 'V')
        {
            Problem("documentCode", "visas (MRV) are not read here, only passports and identity cards");
        }
        else if (_s.Format == MrzFormat.Td3 && kind != 'P')
        {
            Problem("documentCode", $"a 2×44 MRZ must be a passport (P…), found '{code}'");
        }
        else if (_s.Format != MrzFormat.Td3 && kind is not ('A' or 'C' or 'I'))
        {
            Problem("documentCode", $"an identity card MRZ starts with A, C or I, found '{code}'");
        }

        if (!char.IsAsciiLetterUpper(code[1]) && code[1] != '<')
        {
            Problem("documentCode", $"the second character must be a letter or '<', found '{code[1]}'");
        }

        return code.TrimEnd('<');
    }

    /// <summary>Three-letter ICAO codes; shorter ones are padded with fillers ("D&lt;&lt;").</summary>
    private string ReadStateCode(string field, string raw)
    {
        var code = raw.TrimEnd('<');
        if (code.Length == 0 || !code.All(char.IsAsciiLetterUpper))
        {
            Problem(field, $"'{raw}' is not a state code (letters, then fillers)");
        }

        return code;
    }

    private (string Primary, string Secondary) ReadNames()
    {
        var bad = _s.Names.AsSpan().IndexOfAnyExcept(NameCharacters);
        if (bad >= 0)
        {
            Problem("names", $"'{_s.Names[bad]}' at position {bad + 1} is not allowed in a name");
        }

        var (primary, secondary) = MrzNames.Split(_s.Names);
        if (primary.Length == 0)
        {
            Problem("names", "the primary identifier (family name) is empty");
        }

        return (primary, secondary);
    }

    private (string Number, char Check, string OptionalData) ReadDocumentNumber()
    {
        var head = _s.DocumentNumber;
        if (_s.DocumentNumberCheck == '<' && _s.AllowsLongDocumentNumber)
        {
            return ReadLongDocumentNumber(head);
        }

        var number = head.TrimEnd('<');
        ValidateDocumentNumber(number);
        Check("documentNumber", head, _s.DocumentNumberCheck);
        return (number, _s.DocumentNumberCheck, _s.OptionalData);
    }

    /// <summary>
    /// Doc 9303 part 5 note j (TD1) and part 6 (TD2): a number longer than 9 characters shows its
    /// first 9, a filler instead of the check digit, and continues at the start of the optional data
    /// followed by the check digit (over the whole number) and a filler.
    /// </summary>
    private (string Number, char Check, string OptionalData) ReadLongDocumentNumber(string head)
    {
        var optional = _s.OptionalData;
        var end = optional.IndexOf('<', StringComparison.Ordinal);
        var continuation = end < 0 ? optional : optional[..end];
        var rest = end < 0 ? "" : optional[(end + 1)..];
        if (continuation.Length < 2)
        {
            Problem("documentNumber", "check digit is '<' (number continues in the optional data), but no continuation and check digit follow there");
            return (head.TrimEnd('<'), '<', rest);
        }

        var number = head + continuation[..^1];
        var check = continuation[^1];
        if (head.Contains('<', StringComparison.Ordinal))
        {
            Problem("documentNumber", "a continued number must fill all 9 positions before its continuation");
        }

        Check("documentNumber", number, check);
        return (number, check, rest);
    }

    private void ValidateDocumentNumber(string number)
    {
        if (number.Length == 0)
        {
            Problem("documentNumber", "is empty");
        }
        else if (number.Contains('<', StringComparison.Ordinal))
        {
            Problem("documentNumber", $"'{number}' has a filler inside the number");
        }
    }

    private MrzBirthDate? ReadBirthDate()
    {
        var raw = _s.BirthDate;
        if (!TryPair(raw, 0, out var yy) | !TryPair(raw, 2, out var mm) | !TryPair(raw, 4, out var dd))
        {
            Problem("birthDate", $"'{raw}' is not YYMMDD (each part digits, or '<<' where unknown)");
            return null;
        }

        int? year = yy is null ? null : MrzDates.BirthYear(yy.Value, mm, dd, _reference);
        if (!MrzDates.Exists(year ?? 2000, mm, dd))
        {
            Problem("birthDate", $"'{raw}' is not a calendar date");
            return null;
        }

        return new MrzBirthDate(year, mm, dd);
    }

    private LocalDate? ReadExpiryDate()
    {
        var raw = _s.ExpiryDate;
        if (!TryPair(raw, 0, out var yy) | !TryPair(raw, 2, out var mm) | !TryPair(raw, 4, out var dd) ||
            yy is null || mm is null || dd is null)
        {
            Problem("expiryDate", $"'{raw}' is not YYMMDD");
            return null;
        }

        var year = MrzDates.ExpiryYear(yy.Value, _reference);
        if (!MrzDates.Exists(year, mm, dd))
        {
            Problem("expiryDate", $"'{raw}' is not a calendar date");
            return null;
        }

        return new LocalDate(year, mm.Value, dd.Value);
    }

    /// <summary>Two digits, or "&lt;&lt;" for an unknown part (value null).</summary>
    private static bool TryPair(string raw, int at, out int? value)
    {
        value = null;
        var pair = raw.AsSpan(at, 2);
        if (pair is "<<")
        {
            return true;
        }

        if (!char.IsAsciiDigit(pair[0]) || !char.IsAsciiDigit(pair[1]))
        {
            return false;
        }

        value = int.Parse(pair, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private MrzSex ReadSex()
    {
        switch (_s.Sex)
        {
            case 'F':
                return MrzSex.Female;
            case 'M':
                return MrzSex.Male;
            case '<' or 'X':
                return MrzSex.Unspecified;
            default:
                Problem("sex", $"'{_s.Sex}' is not F, M or '<'");
                return MrzSex.Unspecified;
        }
    }

    /// <summary>TD3: a '&lt;' check digit is allowed (Doc 9303 part 4) only when the personal number is all fillers.</summary>
    private void ReadOptionalDataCheck()
    {
        if (_s.OptionalDataCheck is not { } check)
        {
            return;
        }

        if (check == '<' && _s.OptionalData.All(c => c == '<'))
        {
            return;
        }

        Check("optionalData", _s.OptionalData, check);
    }
}
