using System.Globalization;

namespace Muster.Cli.Portal.Text;

/// <summary>
/// The portals' words in Russian and English. A text is looked up by its English wording (or, for
/// coded values, by a key such as "state:opened"); the page's culture (Accept-Language or the
/// language switch) picks the language. Placeholders are {0}, {1}, ... in both.
/// </summary>
public sealed class PortalText
{
    public bool IsRussian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru";

    /// <summary>"ru" or "en", for &lt;html lang&gt;.</summary>
    public string Language => IsRussian ? "ru" : "en";

    public string this[string key] =>
        IsRussian && Strings.Ru.TryGetValue(key, out var ru) ? ru
        : Strings.En.TryGetValue(key, out var en) ? en
        : key;

    public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    /// <summary>Texts that have no Russian wording (for the tests: every text has both).</summary>
    public static IEnumerable<string> Untranslated(IEnumerable<string> keys) => keys.Where(k => !Strings.Ru.ContainsKey(k));
}
