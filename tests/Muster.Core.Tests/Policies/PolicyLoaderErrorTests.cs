using Muster.Core.Policies;
using Muster.Core.Tests.Support;

namespace Muster.Core.Tests.Policies;

/// <summary>A bad policy file fails with file:line:column and the field, never a stack trace.</summary>
public sealed class PolicyLoaderErrorTests
{
    private static readonly string Valid = File.ReadAllText(Path.Combine(ShippedPolicies.Folder, "ru-2026.yaml"));

    private static PolicyException LoadBroken(string from, string to)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var text = Valid.Replace(from, to, StringComparison.Ordinal);
        return Assert.Throws<PolicyException>(() => PolicyLoader.Parse(text, "broken.yaml"));
    }

    private static int LineOf(string needle)
    {
        var lines = Valid.Split('\n');
        return Array.FindIndex(lines, l => l.Contains(needle, StringComparison.Ordinal)) + 1;
    }

    [Fact]
    public void Unknown_restriction_code_names_the_list_item_and_its_line()
    {
        var e = LoadBroken("restrictions: [travel.exit]", "restrictions: [travel.exitt]");
        Assert.Equal("broken.yaml", e.File);
        Assert.Equal(LineOf("restrictions: [travel.exit]"), e.Line);
        Assert.Equal("rules[0].restrictions[0]", e.Field);
        Assert.Contains("unknown restriction 'travel.exitt'", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"broken.yaml:{e.Line}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_time_zone_names_the_region()
    {
        var e = LoadBroken("RU-KGD: Europe/Kaliningrad", "RU-KGD: Europe/Koenigsberg");
        Assert.Equal("regions.RU-KGD", e.Field);
        Assert.Equal(LineOf("RU-KGD: Europe/Kaliningrad"), e.Line);
    }

    [Fact]
    public void A_typo_in_a_field_name_is_refused_not_ignored()
    {
        var e = LoadBroken("    legalBasis: \"53-FZ art. 7.1 parts 3-4", "    legalBasys: \"53-FZ art. 7.1 parts 3-4");
        Assert.Equal("rules[1].legalBasys", e.Field);
        Assert.Contains("unknown field", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_term_says_how_to_write_one()
    {
        var e = LoadBroken("term: 20 calendar_days", "term: twenty days");
        Assert.Equal("rules[1].term", e.Field);
        Assert.Equal(LineOf("term: 20 calendar_days"), e.Line);
        Assert.Contains("N calendar_days", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_anchor_with_an_instant_term_is_refused()
    {
        var e = LoadBroken("term: 20 calendar_days", "term: immediate");
        Assert.Contains("date anchor", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var e = LoadBroken("jurisdiction: RU\n", "");
        Assert.Equal("jurisdiction", e.Field);
    }

    [Fact]
    public void Invalid_yaml_reports_its_position()
    {
        var e = LoadBroken("    anchor: placed", "    anchor: [placed");
        Assert.True(e.Line > 1);
        Assert.Contains("not valid YAML", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_where_a_key_belongs_reports_its_position_not_a_stack_trace()
    {
        // Found by the reliability suite's mutated policy files: YamlDotNet threw an ArgumentException and `muster policy check` printed a stack trace.
        var e = LoadBroken("  from: 2026-01-01\n", "  from: 2026-01-01\n *undefined\n");
        Assert.Equal("broken.yaml", e.File);
        Assert.Equal(LineOf("  from: 2026-01-01") + 1, e.Line);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_that_is_not_utf8_is_refused_with_its_line_and_column_not_replaced()
    {
        // Found by the reliability suite: a lone surrogate in a mutated file. File.ReadAllText would have read the damaged
        // byte as U+FFFD and loaded the policy with a changed legal basis; the file is refused instead.
        var line = LineOf("legalBasis:");
        var lines = Valid.Split('\n');
        var prefix = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(line - 1)) + "\n" + lines[line - 1][..8]);
        var rest = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(line - 1))[8..]);
        var path = Path.Combine(Path.GetTempPath(), $"not-utf8-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, [.. prefix, 0xED, 0xBF, 0xBF, .. rest]); // a surrogate's three bytes: never valid UTF-8
        try
        {
            var e = Assert.Throws<PolicyException>(() => PolicyLoader.LoadFile(path));
            Assert.Equal((path, line, 9), (e.File, e.Line, e.Column));
            Assert.Contains("not UTF-8: byte 0xED", e.Problem, StringComparison.Ordinal);

            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Valid)]); // a BOM is fine
            Assert.Equal(PolicyLoader.Parse(Valid, path).Jurisdiction, PolicyLoader.LoadFile(path).Jurisdiction);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_date_outside_the_calendar_is_refused_naming_the_field()
    {
        // Found by the reliability suite: effective.from -0001-01-01 threw ArgumentOutOfRangeException out of `muster policy check`.
        var e = LoadBroken("  from: 2026-01-01", "  from: -0001-01-01");
        Assert.Equal("effective.from", e.Field);
        Assert.Contains("between 1000-01-01 and 8999-12-31", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_lifter_is_refused()
    {
        var e = LoadBroken("      - cancellation\n    howToLift:\n      en: Appear in person", "      - border_officer\n    howToLift:\n      en: Appear in person");
        Assert.Equal("rules[0].liftedBy[3]", e.Field);
    }

    [Fact]
    public void Two_versions_for_the_same_region_and_dates_are_refused_as_a_set()
    {
        var a = PolicyLoader.Parse(Valid, "a.yaml");
        var b = PolicyLoader.Parse(Valid.Replace("id: ru-2026", "id: ru-2026b", StringComparison.Ordinal), "b.yaml");
        var e = Assert.Throws<PolicyException>(() => PolicySet.Of(a, b));
        Assert.Contains("overlaps", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_policies_load_as_one_consistent_set_covering_eleven_zones()
    {
        var set = ShippedPolicies.Russia;
        Assert.Equal(["ru-2023", "ru-2026"], set.Policies.Select(p => p.Id).ToArray());
        var offsets = ShippedPolicies.Ru2026.Regions.Values
            .Select(z => z.GetUtcOffset(NodaTime.Instant.FromUtc(2026, 6, 1, 0, 0)).Seconds / 3600)
            .Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(2, 11).ToArray(), offsets);
    }
}
