using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Muster.Core.Facts;
using NodaTime;

namespace Muster.Core.Serialization;

/// <summary>
/// The fact format (JSON Lines, docs/facts.md): one fact per line. Reading never throws; a bad
/// line yields an error naming the field. Writing is canonical (fixed field order, no optional
/// field when absent), so a fact's text is stable and can be hashed.
/// </summary>
public static partial class FactJson
{
    public const int MaxTextLength = 512;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads one fact. A missing recordedAt becomes <paramref name="recordedAt"/> (the moment the register learns it).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, Instant recordedAt, out Fact? fact, out FactParseError? error)
    {
        fact = null;
        error = null;

        // JsonDocument.Parse over memory it may borrow keeps its index in pooled arrays; ParseValue would
        // copy every line first. A bulk import parses millions of lines, so each thread reuses one buffer.
        var buffer = utf8.Length <= MaxReusedLine ? (t_line ??= new byte[MaxReusedLine]) : new byte[utf8.Length];
        utf8.CopyTo(buffer);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(buffer.AsMemory(0, utf8.Length), Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            error = SyntaxError(utf8);
            return false;
        }

        using (doc)
        {
            try
            {
                fact = Read(new FieldReader(doc.RootElement), recordedAt);
                return true;
            }
            catch (FactFormatException e)
            {
                error = e.Error;
                return false;
            }
        }
    }

    private const int MaxReusedLine = 16 * 1024;

    [ThreadStatic]
    private static byte[]? t_line;

    /// <summary>Why a line is not one JSON value, in the words a person can act on; only called for a line that failed.</summary>
    private static FactParseError SyntaxError(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
            using var doc = JsonDocument.ParseValue(ref reader);
            return reader.Read()
                ? new FactParseError("", "one JSON object per line; found more after it")
                : new FactParseError("", "not valid JSON");
        }
        catch (JsonException e)
        {
            return new FactParseError("", $"not valid JSON ({Short(e.Message)})");
        }
        catch (ArgumentException e)
        {
            return new FactParseError("", $"not valid UTF-8 JSON ({Short(e.Message)})");
        }
    }

    public static bool TryParse(string line, Instant recordedAt, out Fact? fact, out FactParseError? error) =>
        TryParse(Encoding.UTF8.GetBytes(line), recordedAt, out fact, out error);

    private static Fact Read(FieldReader r, Instant defaultRecordedAt)
    {
        r.EnsureObject();
        var type = r.Text("type");
        var id = r.Id("id");
        var personId = r.Id("personId");
        var occurredAt = r.Instant("occurredAt");
        var recordedAt = r.OptionalInstant("recordedAt") ?? defaultRecordedAt;
        var actor = r.OptionalText("actor");
        var channel = r.OptionalText("channel") ?? DefaultChannel(type);
        Fact fact = type switch
        {
            PersonRegistered.TypeName => new PersonRegistered
            {
                Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel,
                NationalId = r.Text("nationalId"),
                FamilyName = r.Text("familyName"),
                GivenNames = r.Text("givenNames"),
                Patronymic = r.OptionalText("patronymic"),
                LatinName = r.OptionalText("latinName"),
                BirthDate = r.Date("birthDate"),
                Region = r.Region("region"),
                Documents = r.Documents("documents"),
            },
            SummonsPlaced.TypeName => new SummonsPlaced
            {
                Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel,
                SummonsId = r.Id("summonsId"),
                Office = r.Text("office"),
                AppearanceAt = r.LocalDateTime("appearanceAt"),
                Purpose = r.OptionalText("purpose"),
            },
            SummonsOpened.TypeName => new SummonsOpened { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, SummonsId = r.Id("summonsId") },
            SummonsHanded.TypeName => new SummonsHanded { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, SummonsId = r.Id("summonsId") },
            SummonsMailed.TypeName => new SummonsMailed { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, SummonsId = r.Id("summonsId") },
            SummonsMailDelivered.TypeName => new SummonsMailDelivered { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, SummonsId = r.Id("summonsId") },
            SummonsCancelled.TypeName => new SummonsCancelled { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, SummonsId = r.Id("summonsId"), Reason = r.Text("reason") },
            ValidReasonAccepted.TypeName => new ValidReasonAccepted { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, SummonsId = r.Id("summonsId"), Reason = r.Text("reason") },
            AppearanceRecorded.TypeName => new AppearanceRecorded { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, Office = r.Text("office") },
            DefermentGranted.TypeName => Deferment(r, id, personId, occurredAt, recordedAt, actor, channel),
            FactRetracted.TypeName => new FactRetracted { Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel, FactId = r.Id("factId"), Reason = r.Text("reason") },
            _ => throw r.Fail("type", $"unknown fact type '{type}'; expected one of: {string.Join(", ", FactTypes.All)}"),
        };
        r.RejectUnknownFields();
        return fact;
    }

    private static DefermentGranted Deferment(FieldReader r, string id, string personId, Instant occurredAt, Instant recordedAt, string? actor, string channel)
    {
        var from = r.Date("from");
        var until = r.Date("until");
        if (until < from)
        {
            throw r.Fail("until", "must not be before 'from'");
        }

        return new DefermentGranted
        {
            Id = id, PersonId = personId, OccurredAt = occurredAt, RecordedAt = recordedAt, Actor = actor, Channel = channel,
            From = from, Until = until, Basis = r.Text("basis"),
        };
    }

    /// <summary>The channel a fact of this type comes through when the line does not say.</summary>
    public static string DefaultChannel(string type) => type switch
    {
        SummonsOpened.TypeName => "portal",
        SummonsMailDelivered.TypeName or SummonsMailed.TypeName => "post",
        SummonsPlaced.TypeName => "register",
        _ => "office",
    };

    /// <summary>The canonical JSON line of a fact (no trailing newline).</summary>
    public static string Serialize(Fact fact)
    {
        var buffer = t_text ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        Write(fact, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One writer and one buffer per thread, reset for each fact: writing is a hot path of every append and import.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_text;

    public static void Write(Fact fact, IBufferWriter<byte> output)
    {
        var w = t_writer;
        if (w is null)
        {
            t_writer = w = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            w.Reset(output);
        }

        WriteObject(w, fact);
        w.Flush();
    }

    private static void WriteObject(Utf8JsonWriter w, Fact fact)
    {
        w.WriteStartObject();
        w.WriteString("type", fact.Type);
        w.WriteString("id", fact.Id);
        w.WriteString("personId", fact.PersonId);
        WriteInstant(w, "occurredAt", fact.OccurredAt);
        WriteInstant(w, "recordedAt", fact.RecordedAt);
        if (fact.Actor is { } actor)
        {
            w.WriteString("actor", actor);
        }

        if (fact.Channel is { } channel)
        {
            w.WriteString("channel", channel);
        }

        if (fact is SummonsFact sf)
        {
            w.WriteString("summonsId", sf.SummonsId);
        }

        switch (fact)
        {
            case PersonRegistered p:
                w.WriteString("nationalId", p.NationalId);
                w.WriteString("familyName", p.FamilyName);
                w.WriteString("givenNames", p.GivenNames);
                WriteOptional(w, "patronymic", p.Patronymic);
                WriteOptional(w, "latinName", p.LatinName);
                WriteDate(w, "birthDate", p.BirthDate);
                w.WriteString("region", p.Region);
                w.WriteStartArray("documents");
                foreach (var d in p.Documents)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", d.Kind);
                    w.WriteString("number", d.Number);
                    w.WriteString("issuingState", d.IssuingState);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            case SummonsPlaced s:
                w.WriteString("office", s.Office);
                w.WriteString("appearanceAt", TimeFormats.Format(s.AppearanceAt));
                WriteOptional(w, "purpose", s.Purpose);
                break;
            case SummonsCancelled c:
                w.WriteString("reason", c.Reason);
                break;
            case ValidReasonAccepted v:
                w.WriteString("reason", v.Reason);
                break;
            case AppearanceRecorded a:
                w.WriteString("office", a.Office);
                break;
            case DefermentGranted d:
                w.WriteString("from", TimeFormats.Format(d.From));
                w.WriteString("until", TimeFormats.Format(d.Until));
                w.WriteString("basis", d.Basis);
                break;
            case FactRetracted r:
                w.WriteString("factId", r.FactId);
                w.WriteString("reason", r.Reason);
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>An instant's canonical text without a string in between (the common years), else through the pattern.</summary>
    private static void WriteInstant(Utf8JsonWriter w, string name, Instant instant)
    {
        Span<char> text = stackalloc char[CanonicalTime.MaxInstantLength];
        if (CanonicalTime.TryFormat(instant, text, out var length))
        {
            w.WriteString(name, text[..length]);
        }
        else
        {
            w.WriteString(name, TimeFormats.Format(instant));
        }
    }

    private static void WriteDate(Utf8JsonWriter w, string name, LocalDate date)
    {
        Span<char> text = stackalloc char[10];
        if (CanonicalTime.TryFormat(date, text))
        {
            w.WriteString(name, text);
        }
        else
        {
            w.WriteString(name, TimeFormats.Format(date));
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Short(string message) => message.Length > 160 ? message[..160] : message;

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    internal static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    internal static partial Regex StatePattern();
}
