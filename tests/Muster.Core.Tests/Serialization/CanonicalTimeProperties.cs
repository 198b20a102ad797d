using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Muster.Core.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Muster.Core.Tests.Serialization;

/// <summary>
/// The hand-written canonical times agree with NodaTime's patterns, which define the format: the same
/// text for every instant and date, the same value for every text the fast path accepts, and any text
/// it refuses is left to the pattern (so a wrong refusal costs time, never a different answer).
/// </summary>
public sealed class CanonicalTimeProperties
{
    // Years 590-9980: those the fast path writes (1000-9999) and some before, with and without fractions.
    private static readonly Gen<Instant> Instants =
        Gen.Choose(-150_000, 3_280_000).SelectMany(day => Gen.Choose(0, 86_399).SelectMany(second =>
            Gen.Elements(0L, 0L, 1L, 10L, 100_000L, 123_456_789L, 999_999_999L, 500_000_000L).Select(nanos =>
                Instant.FromUtc(1000, 1, 1, 0, 0) + Duration.FromDays(day) + Duration.FromSeconds(second) + Duration.FromNanoseconds(nanos))));

    [Property(MaxTest = 2_000)]
    public Property Formatting_an_instant_gives_the_patterns_text() =>
        Prop.ForAll(Instants.ToArbitrary(), instant =>
            TimeFormats.Format(instant) == InstantPattern.ExtendedIso.Format(instant));

    [Property(MaxTest = 2_000)]
    public Property Formatting_a_date_gives_the_patterns_text() =>
        Prop.ForAll(Instants.ToArbitrary(), instant =>
        {
            var date = instant.InUtc().Date;
            return TimeFormats.Format(date) == LocalDatePattern.Iso.Format(date);
        });

    [Property(MaxTest = 2_000)]
    public Property Reading_the_canonical_text_gives_the_instant_back() =>
        Prop.ForAll(Instants.ToArbitrary(), instant =>
        {
            var text = InstantPattern.ExtendedIso.Format(instant);
            var fast = CanonicalTime.TryParseInstant(text, out var value);
            var inRange = TimeFormats.TryParseInstant(text, out var parsed);
            return (!fast || value == instant) && parsed == instant
                && inRange == (instant.InUtc().Year is >= 1000 and <= 8999);
        });

    /// <summary>Texts near the canonical form: one character changed, dropped or added.</summary>
    private static readonly Gen<string> NearlyCanonical =
        Instants.SelectMany(instant =>
        {
            var text = InstantPattern.ExtendedIso.Format(instant);
            return Gen.Choose(0, text.Length - 1).SelectMany(at =>
                Gen.Elements("0", "9", "3", "-", ":", ".", ",", "T", "Z", "z", " ", "+", "", "00", "1").SelectMany(c =>
                    Gen.Elements(0, 1, 2).Select(how => how switch
                    {
                        0 => text[..at] + c + text[(at + 1)..],
                        1 => text[..at] + text[(at + 1)..],
                        _ => text[..at] + c + text[at..],
                    })));
        });

    [Property(MaxTest = 5_000)]
    public Property Any_text_the_fast_path_reads_the_pattern_reads_the_same() =>
        Prop.ForAll(NearlyCanonical.ToArbitrary(), text =>
        {
            if (!CanonicalTime.TryParseInstant(text, out var fast))
            {
                return true;
            }

            var pattern = OffsetDateTimePattern.ExtendedIso.Parse(text);
            return pattern.Success && pattern.Value.ToInstant() == fast;
        });

    [Property(MaxTest = 5_000)]
    public Property Any_date_the_fast_path_reads_the_pattern_reads_the_same() =>
        Prop.ForAll(NearlyCanonical.ToArbitrary(), text =>
        {
            var date = text.Length >= 10 ? text[..10] : text;
            if (!CanonicalTime.TryParseDate(date, out var fast))
            {
                return true;
            }

            var pattern = LocalDatePattern.Iso.Parse(date);
            return pattern.Success && pattern.Value == fast;
        });

    [Theory]
    [InlineData("2026-03-05T09:30:00Z", true)]
    [InlineData("2026-03-05T09:30:00.5Z", true)]
    [InlineData("2024-02-29T23:59:59.123456789Z", true)]
    [InlineData("2025-02-29T00:00:00Z", false)]
    [InlineData("2026-03-05T24:00:00Z", false)]
    [InlineData("2026-03-05T09:30:00+03:00", false)]
    [InlineData("2026-03-05T09:30:00,5Z", false)]
    [InlineData("2026-03-05T09:30:00.Z", false)]
    [InlineData("2026-03-05T09:30:00.1234567890Z", false)]
    public void The_fast_path_takes_only_the_canonical_form(string text, bool taken)
    {
        Assert.Equal(taken, CanonicalTime.TryParseInstant(text, out _));

        // Whatever the fast path leaves, the pattern still decides as before.
        Assert.Equal(OffsetDateTimePattern.ExtendedIso.Parse(text).Success, TimeFormats.TryParseInstant(text, out _));
    }
}
