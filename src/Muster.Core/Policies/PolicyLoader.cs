using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Muster.Core.Restrictions;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Muster.Core.Policies;

/// <summary>
/// Reads policy files (YAML). Every problem becomes a <see cref="PolicyException"/> naming file,
/// line, column and field; nothing else escapes. The language is documented in docs/policies.md.
/// </summary>
public static partial class PolicyLoader
{
    public static Policy LoadFile(string path) => Parse(PolicyFileText.Read(path), path);

    /// <summary>All *.yaml files directly in a folder, as one set (subfolders such as examples/ are not read).</summary>
    public static PolicySet LoadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new PolicyException(directory, 0, 0, "", "no policy files (*.yaml) in this folder");
        }

        return PolicySet.Create(files.Select(LoadFile));
    }

    public static Policy Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PolicyException(source, (int)e.Start.Line, (int)e.Start.Column, "", $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner sometimes fails without a position; find the last good one.
            var mark = LastGoodMark(yaml);
            throw new PolicyException(source, (int)mark.Line, (int)mark.Column, "", "not valid YAML after this point (an unclosed bracket or quote?)");
        }
        catch (ArgumentException)
        {
            // YamlDotNet's loader gives up on some aliases of anchors never defined without a position; find the alias.
            var mark = UnresolvedAlias(yaml) ?? LastGoodMark(yaml);
            throw new PolicyException(source, (int)mark.Line, (int)mark.Column, "", "not valid YAML: an alias (*name) of an anchor (&name) that is not defined before it");
        }

        if (stream.Documents.Count != 1)
        {
            throw new PolicyException(source, 1, 1, "", "expected exactly one YAML document");
        }

        return ReadPolicy(new YamlCursor(source, "", stream.Documents[0].RootNode));
    }

    private static Mark? UnresolvedAlias(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        return alias.Start;
                    case NodeEvent { Anchor.IsEmpty: false } node:
                        anchors.Add(node.Anchor.Value);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Not this kind of trouble.
        }

        return null;
    }

    private static Mark LastGoodMark(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var last = new Mark(0, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The position reached so far is the answer.
        }

        return last;
    }

    private static Policy ReadPolicy(YamlCursor root)
    {
        root.OnlyKeys("id", "title", "jurisdiction", "effective", "regions", "delivery", "issuing", "rules");
        var idNode = root.Required("id");
        var id = idNode.String();
        if (!IdPattern().IsMatch(id))
        {
            throw idNode.Error("ids are lower-case letters, digits, '-' and '.'");
        }

        var effective = root.Required("effective");
        effective.OnlyKeys("from", "until");
        var from = ReadDate(effective.Required("from"));
        LocalDate? until = effective.Optional("until") is { } u ? ReadDate(u) : null;
        if (until is { } end && end <= from)
        {
            throw effective.Required("until").Error("must be after 'from'");
        }

        var regions = ReadRegions(root.Required("regions"));
        var rules = InternLifters(root.Required("rules").Items().Select(ReadRule));
        if (rules.IsEmpty)
        {
            throw root.Required("rules").Error("a policy needs at least one rule");
        }

        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw root.Required("rules").Error($"rule id '{duplicate.Key}' is used twice");
        }

        var jurisdiction = root.Required("jurisdiction");
        return new Policy(
            id,
            ReadText(root.Required("title")),
            jurisdiction.String(),
            from,
            until,
            regions,
            ReadDelivery(root.Required("delivery")),
            root.Optional("issuing") is { } issuing ? ReadIssuing(issuing) : new IssuingRules(null, null),
            rules,
            root.File);
    }

    private static FrozenDictionary<string, DateTimeZone> ReadRegions(YamlCursor node)
    {
        var result = new Dictionary<string, DateTimeZone>(StringComparer.Ordinal);
        foreach (var (region, value) in node.Entries())
        {
            if (!RegionPattern().IsMatch(region))
            {
                throw value.Error($"'{region}' is not an ISO 3166-2 region code like RU-KGD");
            }

            var zoneId = value.String();
            result[region] = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                ?? throw value.Error($"'{zoneId}' is not an IANA time zone (e.g. Europe/Kaliningrad)");
        }

        if (result.Count == 0)
        {
            throw node.Error("list at least one region");
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static DeliveryRules ReadDelivery(YamlCursor node)
    {
        node.OnlyKeys("by", "deemed", "legalBasis");
        bool hand = false, mail = false, open = false;
        foreach (var item in node.Required("by").Items())
        {
            switch (item.String())
            {
                case "handed": hand = true; break;
                case "mail_delivered": mail = true; break;
                case "opened": open = true; break;
                default: throw item.Error("expected one of: handed, mail_delivered, opened");
            }
        }

        LegalTerm? deemed = null;
        if (node.Optional("deemed") is { } d)
        {
            d.OnlyKeys("after");
            deemed = ReadTerm(d.Required("after"));
            if (deemed.Value.NeedsInstant && deemed.Value.Counting != TermCounting.Elapsed)
            {
                throw d.Required("after").Error("deemed delivery needs a term in days or hours");
            }
        }

        return new DeliveryRules(hand, mail, open, deemed, node.Required("legalBasis").String());
    }

    private static IssuingRules ReadIssuing(YamlCursor node)
    {
        node.OnlyKeys("maxDaysToAppearance", "legalBasis");
        int? max = node.Optional("maxDaysToAppearance") is { } m ? m.Int(1, 3660) : null;
        return new IssuingRules(max, node.Optional("legalBasis")?.String());
    }

    private static PolicyRule ReadRule(YamlCursor node)
    {
        node.OnlyKeys("id", "title", "restrictions", "anchor", "term", "legalBasis", "liftedBy", "howToLift");
        var codes = node.Required("restrictions").Items().Select(c =>
        {
            var code = c.String();
            return RestrictionCatalog.TryGet(code, out _)
                ? code
                : throw c.Error($"unknown restriction '{code}'; known: {string.Join(", ", RestrictionCatalog.All.Select(k => k.Code))}");
        }).Distinct().Order(StringComparer.Ordinal).ToImmutableArray(); // sorted: results come out in order
        if (codes.IsEmpty)
        {
            throw node.Required("restrictions").Error("name at least one restriction");
        }

        var anchorNode = node.Required("anchor");
        var anchor = anchorNode.String() switch
        {
            "placed" => Anchor.Placed,
            "delivered" => Anchor.Delivered,
            "appearance_date" => Anchor.AppearanceDate,
            "effective_appearance_date" => Anchor.EffectiveAppearanceDate,
            var other => throw anchorNode.Error($"unknown anchor '{other}'; expected placed, delivered, appearance_date or effective_appearance_date"),
        };
        var termNode = node.Required("term");
        var term = ReadTerm(termNode);
        if (term.NeedsInstant && anchor is Anchor.AppearanceDate or Anchor.EffectiveAppearanceDate)
        {
            throw termNode.Error("a date anchor needs a term counted in days (start_of_day or calendar_days)");
        }

        var lifters = node.Required("liftedBy").Items().Select(ReadLifter).ToImmutableArray();
        return new PolicyRule(
            node.Required("id").String(),
            ReadText(node.Required("title")),
            codes,
            anchor,
            term,
            node.Required("legalBasis").String(),
            lifters,
            ReadText(node.Required("howToLift")));
    }

    /// <summary>
    /// Rules with the same lifters share one list instance, so the evaluator computes the lift of a
    /// summons once per distinct list rather than once per rule (a YAML alias gives the same effect).
    /// </summary>
    private static ImmutableArray<PolicyRule> InternLifters(IEnumerable<PolicyRule> rules)
    {
        var distinct = new List<ImmutableArray<Lifter>>();
        var result = ImmutableArray.CreateBuilder<PolicyRule>();
        foreach (var rule in rules)
        {
            var same = distinct.FindIndex(l => l.Length == rule.LiftedBy.Length && l.Zip(rule.LiftedBy).All(p => p.First.SameAs(p.Second)));
            if (same < 0)
            {
                distinct.Add(rule.LiftedBy);
                result.Add(rule);
            }
            else
            {
                result.Add(rule with { LiftedBy = distinct[same] });
            }
        }

        return result.ToImmutable();
    }

    private static Lifter ReadLifter(YamlCursor node)
    {
        YamlCursor kindNode = node;
        IReadOnlyList<string> channels = [];
        LocalizedText? explanation = null;
        if (node.Node is YamlMappingNode)
        {
            node.OnlyKeys("by", "channels", "explanation");
            kindNode = node.Required("by");
            channels = node.Optional("channels")?.Items().Select(c => c.String()).ToArray() ?? [];
            explanation = node.Optional("explanation") is { } e ? ReadText(e) : null;
        }

        var kind = kindNode.String() switch
        {
            "appearance" => LiftKind.Appearance,
            "valid_reason" => LiftKind.ValidReason,
            "deferment" => LiftKind.Deferment,
            "cancellation" => LiftKind.Cancellation,
            var other => throw kindNode.Error($"unknown lifter '{other}'; expected appearance, valid_reason, deferment or cancellation"),
        };
        return new Lifter(kind, channels, explanation);
    }

    /// <summary>Terms read "immediate", "7 days at start_of_day", "20 calendar_days" or "72 hours".</summary>
    private static LegalTerm ReadTerm(YamlCursor node)
    {
        var text = node.String().Trim();
        if (text == "immediate")
        {
            return LegalTerm.Immediate;
        }

        var match = TermPattern().Match(text);
        if (!match.Success)
        {
            throw node.Error($"'{text}' is not a term; write 'immediate', 'N hours', 'N days at start_of_day' or 'N calendar_days'");
        }

        if (!int.TryParse(match.Groups["n"].Value, out var n) || n > 3660)
        {
            throw node.Error("the number is too large");
        }

        return match.Groups["unit"].Value switch
        {
            "hours" => LegalTerm.AfterElapsed(Duration.FromHours(n)),
            "days at start_of_day" => LegalTerm.StartOfDayAfter(n),
            "calendar_days" when n >= 1 => LegalTerm.CalendarDays(n),
            _ => throw node.Error("a term of calendar_days is at least 1 day"),
        };
    }

    private static LocalizedText ReadText(YamlCursor node)
    {
        node.OnlyKeys("en", "ru");
        return new LocalizedText(node.Required("en").String(), node.Required("ru").String());
    }

    private static LocalDate ReadDate(YamlCursor node)
    {
        return Serialization.TimeFormats.TryParseDate(node.String(), out var date) ? date : throw node.Error($"expected a date YYYY-MM-DD {Serialization.TimeFormats.Range}");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^(?<n>\d{1,6}) (?<unit>hours|days at start_of_day|calendar_days)$")]
    private static partial Regex TermPattern();
}
