using Muster.Cli.Server.Auth;

namespace Muster.Cli.Demo;

/// <summary>
/// The sign-ins of `muster serve --demo`, one for each role, printed at start and listed on the
/// sign-in page. Demo only: the demo listens on the loopback interface, and its register is generated.
/// </summary>
public static class DemoAccounts
{
    /// <summary>A demo sign-in; Description is a text key of the portals (demo:...).</summary>
    public sealed record Account(string Username, string Password, string Role, string? PersonId, string? Office, string Name)
    {
        public string Description => "demo:" + Username;
    }

    /// <summary>The Kaliningrad case of the seed article: opened the summons, measures 20 days later.</summary>
    public const string KaliningradPerson = "demo-000000";

    /// <summary>The Sheremetyevo case: never opened the summons; stopped at the border.</summary>
    public const string MoscowPerson = "demo-000001";

    /// <summary>Kamchatka (UTC+12): opened a summons days ago; the measures are still to come, with a countdown.</summary>
    public const string KamchatkaPerson = "demo-000002";

    public static readonly IReadOnlyList<Account> All =
    [
        new("citizen", "citizen-demo", Roles.Citizen, KaliningradPerson, null, "Kaliningrad citizen"),
        new("citizen-moscow", "citizen-moscow-demo", Roles.Citizen, MoscowPerson, null, "Moscow citizen"),
        new("citizen-kamchatka", "citizen-kamchatka-demo", Roles.Citizen, KamchatkaPerson, null, "Kamchatka citizen"),
        new("clerk", "clerk-demo", Roles.Clerk, null, "MOW-07", "Clerk, MOW-07"),
        new("clerk-kgd", "clerk-kgd-demo", Roles.Clerk, null, "KGD-01", "Clerk, KGD-01"),
        new("border", "border-demo", Roles.Border, null, null, "Border officer, Sheremetyevo"),
        new("admin", "admin-demo", Roles.Admin, null, null, "Administrator"),
        new("auditor", "auditor-demo", Roles.Auditor, null, null, "Auditor"),
    ];
}
