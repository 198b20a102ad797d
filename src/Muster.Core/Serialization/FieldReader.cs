using System.Collections.Immutable;
using System.Text.Json;
using Muster.Core.Facts;
using NodaTime;

namespace Muster.Core.Serialization;

/// <summary>
/// Reads named fields of one JSON object, remembering which were read so unknown ones are refused.
/// <paramref name="path"/> is where the object is in the line ("documents[0]."), so errors name the whole path.
/// </summary>
internal sealed class FieldReader(JsonElement root, string path = "")
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public void EnsureObject()
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail("", "each line must be a JSON object");
        }
    }

    public FactFormatException Fail(string field, string message) => new(new FactParseError(path + field, message));

    public string Text(string name) => OptionalText(name) ?? throw Fail(name, "is required");

    public string? OptionalText(string name)
    {
        _read.Add(name);
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
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
        var text = OptionalText(name);
        if (text is null)
        {
            return null;
        }

        return TimeFormats.TryParseInstant(text, out var instant)
            ? instant
            : throw Fail(name, $"'{text}' is not an ISO-8601 instant with Z or an offset, like 2026-03-05T09:30:00Z {TimeFormats.Range}");
    }

    public LocalDate Date(string name)
    {
        var text = Text(name);
        return TimeFormats.TryParseDate(text, out var date) ? date : throw Fail(name, $"'{text}' is not a date YYYY-MM-DD {TimeFormats.Range}");
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
        _read.Add(name);
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(name, "must be a list of documents");
        }

        var result = ImmutableArray.CreateBuilder<IdentityDocument>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Fail(at, "must be an object with kind, number and issuingState");
            }

            var doc = new FieldReader(item, at + ".");
            var kind = doc.Text("kind");
            if (kind is not (IdentityDocument.Passport or IdentityDocument.InternationalPassport))
            {
                throw Fail($"{at}.kind", "must be \"passport\" or \"international_passport\"");
            }

            var number = doc.Text("number");
            if (number.Length is 0 or > 20 || !number.All(char.IsAsciiLetterOrDigit))
            {
                throw Fail($"{at}.number", "must be 1-20 letters and digits");
            }

            var state = doc.Text("issuingState");
            if (!FactJson.StatePattern().IsMatch(state))
            {
                throw Fail($"{at}.issuingState", "must be an ICAO three-letter code like RUS");
            }

            if (doc.UnknownField() is { } unknown)
            {
                throw Fail($"{at}.{unknown}", "unknown field");
            }

            result.Add(new IdentityDocument(kind, number.ToUpperInvariant(), state));
        }

        return result.ToImmutable();
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

            if (!_read.Contains(field))
            {
                return field;
            }
        }

        return null;
    }

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
