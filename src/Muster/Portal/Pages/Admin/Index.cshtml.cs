using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Server.Register;
using Muster.Core.Policies;
using Muster.Storage;
using Muster.Storage.Api;
using Muster.Storage.Portal;
using NodaTime;

namespace Muster.Cli.Portal.Pages.Admin;

/// <summary>
/// Administration (admin and auditor): the policies in force, rendered from the policy files (rules,
/// terms, legal basis, what lifts them); API keys and portal accounts (never a secret); the check of
/// the audit hash chains; the latest entries of the access log.
/// </summary>
public sealed class IndexModel(RegisterService register, IPortalDirectory portal) : PageModel
{
    public const int AccessRows = 100;

    public IReadOnlyList<Policy> Policies { get; private set; } = [];

    public IReadOnlyList<ApiKeyRecord> Keys { get; private set; } = [];

    public IReadOnlyList<PortalUserRecord> Users { get; private set; } = [];

    public IReadOnlyList<OfficeRecord> Offices { get; private set; } = [];

    public IReadOnlyList<AccessRecord> Access { get; private set; } = [];

    public AuditReport? Audit { get; private set; }

    public Instant Now { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Walks both hash chains now (read-only: an auditor may too).</summary>
    public async Task OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Audit = await register.Store.VerifyAuditChainAsync(cancellationToken);
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = register.Now;
        Policies = [.. register.Policies.Policies.OrderByDescending(p => p.EffectiveFrom)];
        Keys = await register.Directory.ListKeysAsync(cancellationToken);
        Users = await portal.ListUsersAsync(cancellationToken);
        Offices = await register.Directory.ListOfficesAsync(cancellationToken);
        Access = await portal.RecentAccessAsync(AccessRows, cancellationToken);
    }
}
