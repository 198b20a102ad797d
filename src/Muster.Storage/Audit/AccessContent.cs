using System.Buffers;
using System.Text;
using System.Text.Json;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage.Audit;

/// <summary>The canonical text of an access-log row (what its chain hash covers): who, whom, why, when.</summary>
internal static class AccessContent
{
    public static string Serialize(string official, string personId, string purpose, Instant at)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, Api.AccessLines.WriterOptions))
        {
            Api.AccessLines.Write(w, official, personId, purpose, at);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The entry's canonical text: the one it carries (a canonical journal line), else <see cref="Serialize"/>.</summary>
    public static string Of(Api.AccessEntry entry) => entry.Content ?? Serialize(entry.Official, entry.PersonId, entry.Purpose, entry.At);

    public static AccessRecord Parse(long sequence, string content)
    {
        try
        {
            using var doc = JsonDocument.Parse(content);
            var root = doc.RootElement;
            return TimeFormats.TryParseInstant(root.GetProperty("at").GetString(), out var at)
                ? new AccessRecord(sequence, root.GetProperty("official").GetString()!, root.GetProperty("personId").GetString()!, root.GetProperty("purpose").GetString()!, at)
                : throw new StoreException($"access log row {sequence}: unreadable time; run `muster audit verify`");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new StoreException($"access log row {sequence} cannot be read; run `muster audit verify`", e);
        }
    }

    /// <summary>Null when the row's columns agree with its hashed content, else what disagrees.</summary>
    public static string? CheckColumns(long sequence, string content, string personId, Instant at)
    {
        try
        {
            var record = Parse(sequence, content);
            return record.PersonId == personId && record.At == at ? null : "altered: the row's person_id or at column disagrees with its hashed content";
        }
        catch (StoreException)
        {
            return "altered: the row's content is not a readable access record";
        }
    }
}

/// <summary>Checks that a fact row's indexed columns say what its hashed content says.</summary>
internal static class FactColumns
{
    public static string? Check(string content, string factId, string personId, string type)
    {
        if (!FactJson.TryParse(content, Instant.MinValue, out var fact, out var error))
        {
            return $"altered: the row's content is not a readable fact ({error})";
        }

        return fact!.Id == factId && fact.PersonId == personId && fact.Type == type
            ? null
            : "altered: the row's fact_id, person_id or type column disagrees with its hashed content";
    }
}
