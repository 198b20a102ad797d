using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Muster.Core.Evaluation;
using Muster.Core.Restrictions;
using Muster.Cli.Portal.Text;
using NodaTime;
using NodaTime.Text;

namespace Muster.Cli.Portal.Rendering;

/// <summary>
/// A person's timeline as an inline SVG drawn on the server (no script): one row per restriction, a
/// bar for each interval (solid while in force, pale and dashed while it is only coming), the
/// summonses as marks on top, local-day ticks in the person's zone, and a line at "now". Presentation
/// attributes only (no style attributes), so the portals' Content-Security-Policy holds.
/// </summary>
public static class TimelineChart
{
    private const double Width = 960;
    private const double Left = 270;
    private const double Right = 16;
    private const double Top = 40;
    private const double Row = 28;
    private const double Bar = 16;

    public static IHtmlContent Render(Timeline timeline, Instant now, DateTimeZone zone, PortalText text, string id = "timeline")
    {
        var (from, to) = Range(timeline, now);
        var codes = RestrictionCatalog.All;
        var height = Top + (codes.Count * Row) + 34;
        double X(Instant t) => Left + ((Width - Left - Right) * Math.Clamp((t - from).TotalSeconds / (to - from).TotalSeconds, 0, 1));
        var svg = new StringBuilder();
        var title = text["Restrictions over time"];
        var description = text.Format("From {0} to {1}, in {2}. Solid bars: in force; pale dashed bars: will start if nothing changes; the vertical line is now ({3}).",
            LocalTime.Format(from, zone), LocalTime.Format(to, zone), LocalTime.Zone(zone, now), LocalTime.Format(now, zone));
        svg.Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append(Inv($"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>"));

        // Local-day ticks.
        var days = Math.Max(1, (to - from).TotalDays);
        var step = days <= 10 ? 1 : days <= 21 ? 2 : days <= 70 ? 7 : days <= 140 ? 14 : 30;
        var dayLabel = LocalDatePattern.Create("d MMM", CultureInfo.CurrentCulture);
        var firstDay = from.InZone(zone).Date.PlusDays(1);
        for (var day = firstDay; zone.AtStartOfDay(day).ToInstant() < to; day = day.PlusDays(step))
        {
            var x = X(zone.AtStartOfDay(day).ToInstant());
            svg.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{Top - 6}\" x2=\"{x:0.#}\" y2=\"{height - 30}\" stroke=\"#d0d4da\" stroke-width=\"1\"/>"));
            svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{height - 12}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333333\">{E(dayLabel.Format(day))}</text>"));
        }

        // Rows.
        for (var i = 0; i < codes.Count; i++)
        {
            var y = Top + (i * Row);
            var kind = codes[i];
            svg.Append(Inv($"<text x=\"8\" y=\"{y + (Row / 2) + 4:0.#}\" font-size=\"13\" fill=\"#1b1f24\">{E(Short(kind, text))}</text>"));
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y + Row:0.#}\" x2=\"{Width - Right}\" y2=\"{y + Row:0.#}\" stroke=\"#eceff3\" stroke-width=\"1\"/>"));
            foreach (var interval in timeline.Intervals.Where(v => v.Code == kind.Code))
            {
                if (interval.End is { } lifted && lifted <= interval.Start)
                {
                    continue; // lifted before it began: it never applied
                }

                var x1 = X(interval.Start);
                var x2 = X(interval.End ?? to);
                var upcoming = interval.Start > now;
                var colour = kind.Code == RestrictionCode.TravelExit ? "#b3261e" : "#8a4a00";
                var label = text.Format("{0}: from {1}{2}", Short(kind, text), LocalTime.Format(interval.Start, zone),
                    interval.End is { } end ? text.Format(" until {0}", LocalTime.Format(end, zone)) : "");
                svg.Append(Inv($"<rect x=\"{x1:0.#}\" y=\"{y + ((Row - Bar) / 2):0.#}\" width=\"{Math.Max(2, x2 - x1):0.#}\" height=\"{Bar}\" rx=\"3\" fill=\"{colour}\""));
                svg.Append(upcoming ? " fill-opacity=\"0.25\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\"" : " fill-opacity=\"0.9\" stroke-width=\"0\"");
                svg.Append(Inv($" stroke=\"{colour}\"><title>{E(label)}</title></rect>"));
                if (interval.End is { } stop && stop < to)
                {
                    var xs = X(stop);
                    svg.Append(Inv($"<line x1=\"{xs:0.#}\" y1=\"{y + 3}\" x2=\"{xs:0.#}\" y2=\"{y + Row - 3}\" stroke=\"#1b6e3a\" stroke-width=\"3\"/>"));
                }
            }
        }

        // Summonses on top.
        foreach (var s in timeline.Summonses)
        {
            var x = X(s.PlacedAt);
            var mark = s.CancelledAt is null ? "#1b1f24" : "#6b7280";
            svg.Append(Inv($"<path d=\"M{x - 6:0.#},{Top - 22} L{x + 6:0.#},{Top - 22} L{x:0.#},{Top - 10} Z\" fill=\"{mark}\"><title>{E(text.Format("Summons {0} placed {1}", s.SummonsId, LocalTime.Format(s.PlacedAt, zone)))}</title></path>"));
            if (s.DeliveredAt is { } delivered && delivered >= from && delivered <= to)
            {
                var xd = X(delivered);
                svg.Append(Inv($"<circle cx=\"{xd:0.#}\" cy=\"{Top - 16}\" r=\"4\" fill=\"#ffffff\" stroke=\"{mark}\" stroke-width=\"2\"><title>{E(text.Format("Delivered {0}", LocalTime.Format(delivered, zone)))}</title></circle>"));
            }
        }

        // Now.
        var xn = X(now);
        svg.Append(Inv($"<line x1=\"{xn:0.#}\" y1=\"{Top - 30}\" x2=\"{xn:0.#}\" y2=\"{height - 28}\" stroke=\"#0b57d0\" stroke-width=\"2\"/>"));
        svg.Append(Inv($"<text x=\"{xn + 4:0.#}\" y=\"{Top - 28}\" font-size=\"12\" font-weight=\"bold\" fill=\"#0b57d0\">{E(text["now"])}</text>"));
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>From a little before the first summons to a little after the last thing that starts (at least a month around now).</summary>
    private static (Instant From, Instant To) Range(Timeline timeline, Instant now)
    {
        var from = now - Duration.FromDays(14);
        var to = now + Duration.FromDays(14);
        foreach (var s in timeline.Summonses)
        {
            from = Min(from, s.PlacedAt - Duration.FromDays(3));
        }

        foreach (var i in timeline.Intervals)
        {
            to = Max(to, i.Start + Duration.FromDays(5));
            from = Min(from, i.Start - Duration.FromDays(3));
        }

        if (to - from > Duration.FromDays(400))
        {
            from = to - Duration.FromDays(400);
        }

        return (from, to);

        static Instant Min(Instant a, Instant b) => a < b ? a : b;
        static Instant Max(Instant a, Instant b) => a > b ? a : b;
    }

    private static string Short(RestrictionKind kind, PortalText text) => text[kind.Code];

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
