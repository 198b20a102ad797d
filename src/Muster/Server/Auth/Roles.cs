namespace Muster.Cli.Server.Auth;

/// <summary>The roles an API key can have. docs/security.md has the whole matrix of who may do what.</summary>
public static class Roles
{
    /// <summary>Everything an office can do, nationwide, plus imports; reads everything.</summary>
    public const string Admin = "admin";

    /// <summary>An enlistment office's clerk: registers, summons and records for persons of the office's region.</summary>
    public const string Clerk = "clerk";

    /// <summary>Border control: border checks (allow/deny and a reference), nothing else.</summary>
    public const string Border = "border";

    /// <summary>An agency: the status of a person, showing only the restriction codes it enforces.</summary>
    public const string Agency = "agency";

    /// <summary>The person: their own record, summonses, status and notifications; opens their summonses.</summary>
    public const string Citizen = "citizen";

    /// <summary>Read-only: every record and the access log.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Clerk, Border, Agency, Citizen, Auditor];
}
