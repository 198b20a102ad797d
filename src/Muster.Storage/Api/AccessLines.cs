using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage.Api;

/// <summary>
/// An access record as one line of JSON, exactly as the access log stores it (<see cref="Audit.AccessContent"/>:
/// who, whom, why, when, in that order, UTF-8 unescaped where JSON allows). A node's access journal
/// writes its lines with <see cref="Write"/>, so moving a line into the access log needs no
/// re-serializing: <see cref="Read"/> hands the line's own text through as the content.
/// </summary>
public static class AccessLines
{
    /// <summary>The writer options of the canonical text; a writer made with others writes a different (still readable) line.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // {"official":"","personId":"","purpose":"","at":""}: the line's length less its four values.
    private static readonly int Frame = "{\"official\":\"\",\"personId\":\"\",\"purpose\":\"\",\"at\":\"\"}".Length;

    /// <summary>Writes one record as a JSON object (no newline) on a writer made with <see cref="WriterOptions"/>.</summary>
    public static void Write(Utf8JsonWriter json, string official, string personId, string purpose, Instant at)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("official", official);
        json.WriteString("personId", personId);
        json.WriteString("purpose", purpose);
        json.WriteString("at", TimeFormats.Format(at));
        json.WriteEndObject();
    }

    /// <summary>
    /// A journal line's record. When the line is canonical — the four fields in order, no whitespace,
    /// no escape at all, the time as <see cref="TimeFormats.Format(Instant)"/> writes it — its text is
    /// the record's <see cref="AccessEntry.Content"/>: byte for byte what the store would write.
    /// </summary>
    /// <remarks>Without an escape, no value held a character that either JSON encoder escapes (the
    /// default encoder of journals written before this one escapes a superset of what the canonical one
    /// does), so the line reads the same under both. A line with escapes, or in any other shape, is
    /// read field by field and the store writes its content anew, as it always did.</remarks>
    /// <exception cref="JsonException">The line is not a JSON access record.</exception>
    public static AccessEntry Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && Next(ref reader, "official"u8, out var official, out var officialBytes)
            && Next(ref reader, "personId"u8, out var personId, out var personBytes)
            && Next(ref reader, "purpose"u8, out var purpose, out var purposeBytes)
            && Next(ref reader, "at"u8, out var atText, out var atBytes)
            && reader.Read() && reader.TokenType == JsonTokenType.EndObject && !reader.Read()
            && TimeFormats.TryParseInstant(atText, out var at))
        {
            var canonical = line.IndexOf((byte)'\\') < 0
                && line.Length == Frame + officialBytes + personBytes + purposeBytes + atBytes
                && atText == TimeFormats.Format(at);
            return new AccessEntry(official, personId, purpose, at) { Content = canonical ? Encoding.UTF8.GetString(line) : null };
        }

        return ReadAnyShape(line);
    }

    /// <summary>A property with this name and a string value next; its value and its length in the line.</summary>
    private static bool Next(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out string value, out int length)
    {
        value = string.Empty;
        length = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(name)
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        length = reader.ValueSpan.Length;
        value = reader.GetString()!;
        return true;
    }

    /// <summary>The fields by name, in any order (how journal lines were always read); the content is left to the store.</summary>
    private static AccessEntry ReadAnyShape(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        TimeFormats.TryParseInstant(root.GetProperty("at").GetString(), out var at);
        return new AccessEntry(root.GetProperty("official").GetString()!, root.GetProperty("personId").GetString()!, root.GetProperty("purpose").GetString()!, at);
    }
}
