namespace Muster.Core.Restrictions;

/// <summary>An agency that enforces restrictions. Codes are stable; agency API keys carry them.</summary>
public sealed record Agency(string Code, string TitleEn, string TitleRu)
{
    public static readonly Agency Border = new("border", "Border service", "Пограничная служба");
    public static readonly Agency Tax = new("tax", "Tax service", "Налоговая служба");
    public static readonly Agency PropertyRegistry = new("property", "Property registry", "Росреестр");
    public static readonly Agency TrafficPolice = new("traffic", "Traffic police", "Госавтоинспекция");
    public static readonly Agency CreditBureaus = new("credit", "Credit bureaus", "Бюро кредитных историй");

    public static readonly IReadOnlyList<Agency> All = [Border, Tax, PropertyRegistry, TrafficPolice, CreditBureaus];
}
