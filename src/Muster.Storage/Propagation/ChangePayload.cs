using System.Buffers;
using System.Text;
using System.Text.Json;
using Muster.Core.Propagation;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage.Propagation;

/// <summary>
/// The JSON of a change as the feed and webhooks carry it (docs/integration.md), written once when the
/// change enters the outbox and served byte for byte ever after: a redelivery is the same text.
/// </summary>
internal static class ChangePayload
{
    public static string Kind(ChangeKind kind) => kind == ChangeKind.Imposed ? "imposed" : "lifted";

    public static ChangeKind ParseKind(string kind) => kind == "imposed" ? ChangeKind.Imposed : ChangeKind.Lifted;

    public static string Write(long seq, RestrictionChange c, string agency, Instant recordedAt)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteNumber("seq", seq);
            json.WriteString("personId", c.PersonId);
            json.WriteString("agency", agency);
            json.WriteString("code", c.Code);
            json.WriteString("kind", Kind(c.Kind));
            json.WriteString("effectiveAt", TimeFormats.Format(c.EffectiveAt));
            json.WriteBoolean("codeInForceAfter", c.CodeInForceAfter);
            json.WriteBoolean("withdrawn", c.Withdrawn);
            json.WriteString("summonsId", c.SummonsId);
            json.WriteString("policyId", c.PolicyId);
            json.WriteString("ruleId", c.RuleId);
            json.WriteString("intervalStart", TimeFormats.Format(c.IntervalStart));
            json.WriteNumber("generation", c.Generation);
            if (c.CauseFactId is { } cause)
            {
                json.WriteString("causeFactId", cause);
            }
            else
            {
                json.WriteNull("causeFactId");
            }

            json.WriteString("recordedAt", TimeFormats.Format(recordedAt));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
