using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// FsCheck generators of hostile input: random JSON, valid bodies with fields removed, retyped or replaced
/// by edge values (dates at the ends of the calendar, huge numbers, deep nesting, long and invalid text,
/// SQL and HTML injections), unknown fields, truncated or byte-flipped text and invalid UTF-8. Samples are
/// drawn from a seed (<see cref="Campaign.Seed"/>) so a failing campaign can be replayed.
/// </summary>
public static class HostileInput
{
    public static readonly string[] Injections =
    [
        "'; DROP TABLE facts; --", "\" OR \"1\"=\"1", "Robert'); DROP TABLE persons;--", "1; SELECT pg_sleep(30)--", "' UNION SELECT hash FROM api_keys --",
        "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "</textarea><svg onload=alert(1)>", "javascript:alert(1)", "&amp;&lt;&#x27;&quot;",
        "{{7*7}}${7*7}<%= 7*7 %>", "../../../../etc/passwd", "Смирнов <b>жирный</b> & 'кавычки' \"двойные\"", "%00%0d%0aSet-Cookie: x=y",
    ];

    public static readonly string[] Oddities =
    [
        "", " ", "\u0000", "\u0007bell", "\u202Eright-to-left", "\uFEFF", "line\r\nbreak", "\t", "😀🇷🇺", "\uD800", "\uDFFF\uD800", new string('x', 513), new string('я', 5000),
    ];

    public static readonly string[] Dates = ["0001-01-01", "9999-12-31", "-0001-01-01", "2026-02-30", "2026-13-01", "20260301", "2026-3-1", "2026-03-01T00:00:00Z", "1900-01-01", "2200-01-01"];

    public static readonly string[] Instants =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-9998-01-01T00:00:00Z", "2026-03-02T06:00:00+14:00", "2026-03-02T06:00:00-12:00", "2026-03-02T06:00:00",
        "2026-03-02T25:00:00Z", "2026-03-02T06:00:00.123456789Z", "1970-01-01T00:00:00Z", "2026-03-02", "now", "2026-03-02T06:00:00+99:00",
    ];

    public static readonly string[] LocalDateTimes = ["9999-12-31T23:59", "0001-01-01T00:00", "2026-03-05T24:00", "2026-03-05T15:00:00", "2026-03-05 15:00", "2026-03-05T15:00Z", "2026-02-29T10:00"];

    public static readonly string[] Numbers =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "0.0000000000000000000000000000001", "-0", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "NaN", "Infinity", "0x10", "01",
    ];

    /// <summary>Every hostile text the generators use, for the fields a test walks through one by one.</summary>
    public static IReadOnlyList<string> Texts { get; } = [.. Injections, .. Oddities, .. Dates, .. Instants, .. LocalDateTimes];

    public static Gen<string> Text =>
        Gen.Frequency(
            (4, Gen.Elements(Texts.ToArray())),
            (2, Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 0x2FFF).Select(c => (char)c), n)).Select(cs => new string(cs))),
            (1, Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(Gen.Elements("<>&'\";-%\\/{}$`\u0000\n".ToCharArray()), n)).Select(cs => new string(cs))));

    /// <summary>A JSON string literal of <see cref="Text"/>.</summary>
    public static Gen<string> Quoted => Text.Select(Quote);

    /// <summary>
    /// <paramref name="text"/> as a JSON string literal, written by hand: a serializer would replace half a
    /// surrogate pair with U+FFFD, and the server must see the escape \uD800 itself.
    /// </summary>
    public static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or (>= '\uD800' and <= '\uDFFF') => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    /// <summary>Any JSON value, nested up to <paramref name="depth"/>.</summary>
    public static Gen<string> Json(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Elements("null", "true", "false", "0", "-1", "3.5", "[]", "{}", "\"\""),
            Gen.Elements(Numbers.Where(n => double.TryParse(n, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) && !n.StartsWith('N') && !n.StartsWith('I')).ToArray()),
            Quoted);
        if (depth <= 0)
        {
            return scalar;
        }

        var inner = Json(depth - 1);
        return Gen.Frequency(
            (4, scalar),
            (1, Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(inner, n)).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Quoted, inner), n)).Select(pairs => "{" + string.Join(",", pairs.Select(p => p.Item1 + ":" + p.Item2)) + "}")));
    }

    /// <summary>A value to put where a field's value was: any JSON, hostile text, an edge date, a huge number, deep nesting.</summary>
    public static Gen<string> Value =>
        Gen.Frequency(
            (3, Json(2)),
            (3, Quoted),
            (2, Gen.Elements([.. Dates, .. Instants, .. LocalDateTimes]).Select(Quote)),
            (1, Gen.Elements(Numbers)),
            (1, Gen.Choose(17, 3000).Select(n => new string('[', n) + new string(']', n))),
            (1, Gen.Choose(1, 4).Select(n => "\"" + new string('x', n * 300_000) + "\"")));

    /// <summary>A body derived from <paramref name="template"/> (field name → JSON value text), as the bytes sent.</summary>
    public static Gen<byte[]> Body(IReadOnlyList<(string Field, string Json)> template)
    {
        // A body-less endpoint still gets bodies: as if its body had one field.
        var fields = template.Count == 0 ? ["unexpected"] : template.Select(f => f.Field).ToArray();
        var mutated = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Mutation(fields), n)).Select(ms =>
        {
            var body = template.ToList();
            foreach (var m in ms)
            {
                m(body);
            }

            return Utf8("{" + string.Join(",", body.Select(f => Quote(f.Field) + ":" + f.Json)) + "}");
        });
        var valid = Utf8("{" + string.Join(",", template.Select(f => Quote(f.Field) + ":" + f.Json)) + "}");
        return Gen.Frequency(
            (6, mutated),
            (2, Json(3).Select(Utf8)),
            (2, Bytes(valid)),
            (1, Gen.Choose(17, 5000).Select(n => Utf8(new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", n)) + "}" + new string('}', n)))));
    }

    private static Gen<Action<List<(string Field, string Json)>>> Mutation(string[] fields) =>
        Gen.Frequency(
            (2, Gen.Elements(fields).Select<string, Action<List<(string Field, string Json)>>>(f => body => body.RemoveAll(x => x.Field == f))),
            (5, Gen.Zip(Gen.Elements(fields), Value).Select<(string, string), Action<List<(string Field, string Json)>>>(p => body =>
            {
                var i = body.FindIndex(x => x.Field == p.Item1);
                if (i >= 0)
                {
                    body[i] = (p.Item1, p.Item2);
                }
            })),
            (1, Gen.Zip(Gen.Elements("extra", "placedAt", "recordedAt", "id", "__proto__", "", "personId ", "PersonId", "actor"), Value)
                .Select<(string, string), Action<List<(string Field, string Json)>>>(p => body => body.Add(p))),
            (1, Gen.Elements(fields).Select<string, Action<List<(string Field, string Json)>>>(f => body =>
            {
                var i = body.FindIndex(x => x.Field == f);
                if (i >= 0)
                {
                    body.Add(body[i]); // the same key twice
                }
            })));

    /// <summary>Byte-level damage to a valid body: truncated, bytes flipped or inserted, invalid UTF-8 sequences.</summary>
    public static Gen<byte[]> Bytes(byte[] valid) =>
        from kind in Gen.Choose(0, 4)
        from at in Gen.Choose(0, Math.Max(0, valid.Length - 1))
        from value in Gen.Choose(0, 255)
        select kind switch
            {
                0 => valid[..at],
                1 => [.. valid[..at], (byte)value, .. valid[at..]],
                2 => [.. valid[..at], 0xC3, 0x28, .. valid[at..]], // an invalid two-byte sequence
                3 => [.. valid[..at], 0xED, 0xA0, 0x80, .. valid[at..]], // an encoded surrogate: invalid in UTF-8
                _ => [.. valid.Select((b, i) => i == at ? (byte)(b ^ (1 << (value % 8))) : b)],
            };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary><paramref name="count"/> samples of <paramref name="gen"/> from the campaign's seed (and a salt, so campaigns differ).</summary>
    public static T[] Sample<T>(Gen<T> gen, int count, string salt) =>
        gen.Sample(count, new Rnd(unchecked((uint)Campaign.Mix(salt, Campaign.Seed))), 30);
}
