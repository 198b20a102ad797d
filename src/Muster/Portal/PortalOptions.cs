namespace Muster.Cli.Portal;

/// <summary>
/// The settings of the web portals, bound from the "Muster:Portal" configuration section (e.g. the
/// environment variable Muster__Portal__Oidc__Authority). docs/security.md describes each.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Muster:Portal";

    /// <summary>How long a sign-in lasts without activity (sliding), in minutes.</summary>
    public double SessionMinutes { get; set; } = 60;

    /// <summary>Sign-in through a production identity provider; null: local accounts only.</summary>
    public OidcSettings? Oidc { get; set; }

    /// <summary>
    /// Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto, so the portals know the
    /// request was HTTPS (and mark every cookie Secure). Only when the proxy is the sole way in.
    /// </summary>
    public bool TrustForwardedProto { get; set; }

    /// <summary>Set by `muster serve --demo`: the sign-in page lists the demo accounts.</summary>
    public bool Demo { get; set; }

    /// <summary>How failed sign-ins slow down further attempts (Muster:Portal:SignIn).</summary>
    public SignInThrottleOptions SignIn { get; set; } = new();
}

/// <summary>The limits of <see cref="Auth.SignInThrottle"/>: docs/security.md, "Sign-in".</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failed attempts for one username before each further one must wait.</summary>
    public int MaxFailuresPerUsername { get; set; } = 5;

    /// <summary>Failed attempts from one client address (any usernames) before each further one must wait.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>A count is forgotten after this long without a failure.</summary>
    public double WindowMinutes { get; set; } = 15;

    /// <summary>The first wait, once the free attempts are used up; each further failure doubles it.</summary>
    public double FirstDelaySeconds { get; set; } = 1;

    /// <summary>The longest wait.</summary>
    public double MaxDelaySeconds { get; set; } = 900;
}

/// <summary>
/// OpenID Connect (authorization code flow with PKCE, the standard ASP.NET Core handler). The identity
/// provider says who the user is and, in claims named here, their Muster role and scope.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The issuer, e.g. https://id.example.gov/realms/muster (its /.well-known/openid-configuration is read).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The text of the sign-in button.</summary>
    public string DisplayName { get; set; } = "State identity provider";

    /// <summary>The claim holding the Muster role (admin, clerk, border, citizen, auditor).</summary>
    public string RoleClaim { get; set; } = "muster_role";

    /// <summary>The claim holding a citizen's person id in the register.</summary>
    public string PersonClaim { get; set; } = "muster_person";

    /// <summary>The claim holding a clerk's office code.</summary>
    public string OfficeClaim { get; set; } = "muster_office";

    /// <summary>The claim naming the user (recorded as the actor on facts and in the access log).</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    /// <summary>Only for a development identity provider over plain HTTP; never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
