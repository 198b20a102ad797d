namespace Muster.Core.Policies;

/// <summary>A text in the two languages every portal speaks.</summary>
public sealed record LocalizedText(string En, string Ru)
{
    public string In(string language) => language.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? Ru : En;
}
