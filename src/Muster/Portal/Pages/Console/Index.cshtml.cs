using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Register;
using Muster.Storage;
using Muster.Storage.Portal;

namespace Muster.Cli.Portal.Pages.Console;

/// <summary>
/// The enlistment office console: find a person by name ("Family [Given]"), national id, or document
/// number. A clerk finds only persons of their office's region; every person shown is an official's
/// read and goes to the access log.
/// </summary>
public sealed class IndexModel(RegisterService register, IPortalDirectory portal) : PageModel
{
    public const int Limit = 50;

    public string? Query { get; private set; }

    public string? State { get; private set; }

    public IReadOnlyList<PersonSummary>? Found { get; private set; }

    public async Task OnGetAsync(string? q, string? state, CancellationToken cancellationToken)
    {
        Query = q?.Trim();
        State = string.IsNullOrWhiteSpace(state) ? "RUS" : state.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(Query))
        {
            return;
        }

        var caller = PortalAuth.CallerOf(User)!;
        IEnumerable<PersonSummary> found;
        var compact = Query.Replace(" ", "", StringComparison.Ordinal);
        if (compact.All(char.IsAsciiLetterOrDigit) && compact.Any(char.IsAsciiDigit))
        {
            var byId = await register.Store.FindByNationalIdAsync(compact, cancellationToken);
            var byDocument = await register.Store.FindByDocumentAsync(compact.ToUpperInvariant(), State, cancellationToken);
            found = byId.Concat(byDocument).DistinctBy(p => p.PersonId);
        }
        else
        {
            var words = Query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            found = await portal.FindByNameAsync(Name(words[0]), words.Length > 1 ? Name(words[1]) : null, caller.Is(Roles.Clerk) ? caller.Region : null, Limit, cancellationToken);
        }

        Found = [.. found.Where(p => caller.MaySee(p.PersonId, p.Region)).Take(Limit)];
        foreach (var p in Found)
        {
            await register.RecordAccessAsync(caller, p.PersonId, "portal: console search", cancellationToken);
        }
    }

    /// <summary>Names are written with a capital first letter in the register: "смирнов" finds "Смирнов".</summary>
    private static string Name(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.GetCultureInfo("ru-RU")) + word[1..].ToLower(CultureInfo.GetCultureInfo("ru-RU"));
}
