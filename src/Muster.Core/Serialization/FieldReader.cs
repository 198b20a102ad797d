using System.Collections.Immutable;
using System.Text.Json;
using Muster.Core.Facts;
using NodaTime;

namespace Muster.Core.Serialization;

/// <summary>
/// Reads named fields of one JSON object, remembering which were read so unknown ones are refused.
/// A nested object knows the list and index it is in ("documents", 0), so errors name the whole path;
/// the path's text is made only for an error, as a bulk import reads millions of objects that have none.
/// </summary>
internal sealed class FieldReader(JsonElement root, string? list = null, int index = 0)
{
    // The names read so far (string literals, a dozen at most) and how many of them the object has:
    // when that count is the object's property count, no property is unknown, and no name is decoded.
    private string[] _read = new string[12];
    private int _readCount;
    private int _present;

    private string Path => list is null ? "" : $"{list}[{index}].";

    public void EnsureObject()
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail("", "each line must be a JSON object");
        }
    }

    public FactFormatException Fail(string field, string message) => new(new FactParseError(Path + field, message));

    /// <summary>Looks a field up and remembers that it was asked for, present or not.</summary>
    private bool TryGetProperty(string name, out JsonElement value)
    {
        var seen = false;
        for (var i = 0; i < _readCount; i++)
        {
            if (string.Equals(_read[i], name, StringComparison.Ordinal))
            {
                seen = true;
                break;
            }
        }

        if (!seen)
        {
            if (_readCount == _read.Length)
            {
                Array.Resize(ref _read, _read.Length * 2);
            }

            _read[_readCount++] = name;
        }

        var found = root.TryGetProperty(name, out value);
        if (found && !seen)
        {
            _present++;
        }

        return found;
    }

    public string Text(string name) => OptionalText(name) ?? throw Fail(name, "is required");

    public string? OptionalText(string name)
    {
        if (!TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? Checked(name, Decode(value, name))
            : throw Fail(name, "must be a string");
    }

    /// <summary>
    /// The string's text: JsonDocument checks the structure, not the text inside strings, and throws only
    /// when one is read — for bytes that are not UTF-8 and for an escaped half of a surrogate pair (\uD800).
    /// </summary>
    private string Decode(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Fail(name, "is not valid text (bytes that are not UTF-8, or half of a surrogate pair)");
        }
    }

    public string Id(string name)
    {
        var text = Text(name);
        return FactJson.IdPattern().IsMatch(text)
            ? text
            : throw Fail(name, "must be 1-128 characters: letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }

    public string Region(string name)
    {
        var text = Text(name);
        return FactJson.RegionPattern().IsMatch(text) ? text : throw Fail(name, $"'{text}' is not an ISO 3166-2 region code like RU-KGD");
    }

    public Instant Instant(string name) => OptionalInstant(name) ?? throw Fail(name, "is required");

    public Instant? OptionalInstant(string name)
    {
        Span<char> canonical = stackalloc char[CanonicalTime.MaxInstantLength];
        if (TryGetProperty(name, out var value) && Ascii(value, canonical) is { Length: > 0 } chars
            && CanonicalTime.TryParseInstant(chars, out var fast) && TimeFormats.InRange(fast.InUtc().Date) && RegisterTime.IsWhole(fast))
        {
            return fast;
        }

        var text = OptionalText(name);
        if (text is null)
        {
            return null;
        }

        if (!TimeFormats.TryParseInstant(text, out var instant))
        {
            throw Fail(name, $"'{text}' is not an ISO-8601 instant with Z or an offset, like 2026-03-05T09:30:00Z {TimeFormats.Range}");
        }

        return RegisterTime.IsWhole(instant)
            ? instant
            : throw Fail(name, RegisterTime.TooFine(text));
    }

    public LocalDate Date(string name)
    {
        Span<char> canonical = stackalloc char[10];
        if (TryGetProperty(name, out var value) && Ascii(value, canonical) is { Length: > 0 } chars
            && CanonicalTime.TryParseDate(chars, out var fast) && TimeFormats.InRange(fast))
        {
            return fast;
        }

        var text = Text(name);
        return TimeFormats.TryParseDate(text, out var date) ? date : throw Fail(name, $"'{text}' is not a date YYYY-MM-DD {TimeFormats.Range}");
    }

    /// <summary>
    /// A short string value's characters, straight from the JSON bytes when it is plain ASCII without
    /// escapes (the canonical times always are), so the common case reads a time without making a
    /// string; empty when the value is anything else, and the caller takes the general path.
    /// </summary>
    private static ReadOnlySpan<char> Ascii(JsonElement value, Span<char> output)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return [];
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length < 2 || raw[0] != (byte)'"' || raw.Length - 2 > output.Length)
        {
            return [];
        }

        raw = raw[1..^1];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] is >= 0x80 or (byte)'\\' or < 0x20)
            {
                return [];
            }

            output[i] = (char)raw[i];
        }

        return output[..raw.Length];
    }

    public LocalDateTime LocalDateTime(string name)
    {
        var text = Text(name);
        return TimeFormats.TryParseLocalDateTime(text, out var value)
            ? value
            : throw Fail(name, $"'{text}' is not a local date-time YYYY-MM-DDTHH:MM {TimeFormats.Range}");
    }

    public ImmutableArray<IdentityDocument> Documents(string name)
    {
        if (!TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(name, "must be a list of documents");
        }

        var result = ImmutableArray.CreateBuilder<IdentityDocument>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = i++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"{name}[{at}]", "must be an object with kind, number and issuingState");
            }

            var doc = new FieldReader(item, name, at);
            var kind = doc.Text("kind");
            if (kind is not (IdentityDocument.Passport or IdentityDocument.InternationalPassport))
            {
                throw doc.Fail("kind", "must be \"passport\" or \"international_passport\"");
            }

            var number = doc.Text("number");
            if (number.Length is 0 or > 20 || number.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits))
            {
                throw doc.Fail("number", "must be 1-20 letters and digits");
            }

            var state = doc.Text("issuingState");
            if (!FactJson.StatePattern().IsMatch(state))
            {
                throw doc.Fail("issuingState", "must be an ICAO three-letter code like RUS");
            }

            if (doc.UnknownField() is { } unknown)
            {
                throw doc.Fail(unknown, "unknown field");
            }

            result.Add(new IdentityDocument(kind, number.ToUpperInvariant(), state));
        }

        return result.MoveToImmutable();
    }

    public void RejectUnknownFields()
    {
        if (UnknownField() is { } unknown)
        {
            throw Fail(unknown, "unknown field for this fact type");
        }
    }

    private string? UnknownField()
    {
        if (root.GetPropertyCount() == _present)
        {
            // Every property is a distinct name that was read: nothing unknown, nothing to decode.
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            string field;
            try
            {
                field = property.Name;
            }
            catch (InvalidOperationException)
            {
                throw Fail("", "a field name is not valid text (bytes that are not UTF-8, or half of a surrogate pair)");
            }

            if (Array.IndexOf(_read, field, 0, _readCount) < 0)
            {
                return field;
            }
        }

        return null;
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private string Checked(string name, string text)
    {
        if (text.Length == 0)
        {
            throw Fail(name, "must not be empty");
        }

        if (text.Length > FactJson.MaxTextLength)
        {
            throw Fail(name, $"is longer than {FactJson.MaxTextLength} characters");
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                throw Fail(name, "contains control characters");
            }
        }

        return text;
    }
}

/// <summary>Carries a parse error out of nested reading; never escapes <see cref="FactJson"/>.</summary>
internal sealed class FactFormatException : Exception
{
    public FactFormatException(FactParseError error) : base(error.ToString()) => Error = error;

    public FactFormatException() : base() => Error = new FactParseError("", "");

    public FactFormatException(string message) : base(message) => Error = new FactParseError("", message);

    public FactFormatException(string message, Exception inner) : base(message, inner) => Error = new FactParseError("", message);

    public FactParseError Error { get; }
}
