using Muster.Core.Policies;
using Muster.Core.Restrictions;
using NodaTime;
using NodaTime.Text;

namespace Muster.Core.Propagation;

/// <summary>
/// What the person is told about a change of their restrictions, in Russian and English: what changed
/// (the restriction's title), why (the rule and its legal basis, the summons), from when (the local
/// date and time in the person's region), and what to do (the rule's "how to lift"). Pure.
/// </summary>
public sealed record ChangeMessage(LocalizedText Subject, LocalizedText Body)
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("dd.MM.uuuu HH:mm");

    /// <param name="zone">The person's legal time zone (null: UTC).</param>
    public static ChangeMessage Compose(RestrictionChange change, PolicySet policies, DateTimeZone? zone)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(policies);
        var kind = RestrictionCatalog.TryGet(change.Code, out var k) ? k : null;
        var titleEn = kind?.TitleEn ?? change.Code;
        var titleRu = kind?.TitleRu ?? change.Code;
        var rule = policies.Find(change.PolicyId)?.Rules.FirstOrDefault(r => r.Id == change.RuleId);
        var when = Local.Format(change.EffectiveAt.InZone(zone ?? DateTimeZone.Utc).LocalDateTime);
        var basis = rule is null ? "" : $" ({rule.LegalBasis})";
        var agencyEn = kind?.Agency.TitleEn ?? "the enforcing agency";
        var agencyRu = kind?.Agency.TitleRu ?? "уполномоченный орган";

        if (change.Kind == ChangeKind.Imposed)
        {
            var again = change.Generation > 0;
            var subjectEn = again ? $"Restriction in force again: {titleEn}" : $"Restriction imposed: {titleEn}";
            var subjectRu = again ? $"Ограничение снова действует: {titleRu}" : $"Введено ограничение: {titleRu}";
            var bodyEn = new List<string>
            {
                $"{titleEn}, from {when} (local time).",
                $"Why: {rule?.Title.En ?? change.RuleId}{basis}, because of summons {change.SummonsId}.",
            };
            var bodyRu = new List<string>
            {
                $"{titleRu} с {when} (местное время).",
                $"Основание: {rule?.Title.Ru ?? change.RuleId}{basis}, повестка {change.SummonsId}.",
            };
            if (again)
            {
                bodyEn.Add("The fact that had lifted it was corrected by the enlistment office.");
                bodyRu.Add("Факт, на основании которого ограничение было снято, исправлен военным комиссариатом.");
            }

            bodyEn.Add($"Enforced by: {agencyEn}.");
            bodyRu.Add($"Исполняет: {agencyRu}.");
            if (rule is not null)
            {
                bodyEn.Add($"What to do: {rule.HowToLift.En}");
                bodyRu.Add($"Что делать: {rule.HowToLift.Ru}");
            }

            return new ChangeMessage(new LocalizedText(subjectEn, subjectRu), new LocalizedText(string.Join('\n', bodyEn), string.Join('\n', bodyRu)));
        }

        var still = change.CodeInForceAfter;
        var (whyEn, whyRu) = change.Withdrawn
            ? ("It was withdrawn: the facts it rested on were corrected by the enlistment office.",
               "Ограничение отменено: факты, на которых оно основывалось, исправлены военным комиссариатом.")
            : ($"It was lifted for summons {change.SummonsId}.", $"Ограничение по повестке {change.SummonsId} снято.");
        var after = still
            ? ("Another summons still keeps this restriction in force: see your status.", "Ограничение продолжает действовать по другой повестке: см. ваш статус.")
            : ($"Nothing to do: {agencyEn} has been told.", $"Ничего делать не нужно: {agencyRu} уведомлена.");
        return new ChangeMessage(
            new LocalizedText($"Restriction lifted: {titleEn}", $"Ограничение снято: {titleRu}"),
            new LocalizedText(
                $"{titleEn}: no longer applies from {when} (local time).\n{whyEn}\n{after.Item1}",
                $"{titleRu}: не действует с {when} (местное время).\n{whyRu}\n{after.Item2}"));
    }

    /// <summary>The subject and body in one language, as one text.</summary>
    public string Text(string language) => Subject.In(language) + "\n" + Body.In(language);
}
