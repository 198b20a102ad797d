using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Problems;
using Muster.Core.Restrictions;
using Muster.Core.Serialization;
using Muster.Storage.Propagation;
using NodaTime;

namespace Muster.Cli.Server.Propagation;

/// <summary>
/// The agencies' side of propagation: the feed (pull, by cursor), webhook subscriptions (push) and their
/// replay; and the operators' view of where propagation stands. docs/integration.md is the integrator's guide.
/// </summary>
public static class PropagationApis
{
    public const int MaxFeedLimit = 1000;

    public static IEndpointRouteBuilder MapPropagationApis(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feed", GetFeed).WithTags("Agencies").AllowRoles(Roles.Agency, Roles.Admin, Roles.Auditor)
            .WithSummary("The changes of the restrictions an agency enforces, in commit order, after a cursor; 'next' is the cursor to ask with next");
        var hooks = app.MapGroup("/api/webhooks").WithTags("Agencies");
        hooks.MapPost("/", CreateWebhook).AllowRoles(Roles.Agency, Roles.Admin).WithSummary("Subscribe an HTTPS endpoint to the agency's changes (signed, at least once)");
        hooks.MapGet("/", ListWebhooks).AllowRoles(Roles.Agency, Roles.Admin, Roles.Auditor).WithSummary("The agency's webhook subscriptions and how far delivery got");
        hooks.MapGet("/{id}", GetWebhook).AllowRoles(Roles.Agency, Roles.Admin, Roles.Auditor).WithSummary("One webhook subscription");
        hooks.MapDelete("/{id}", DeleteWebhook).AllowRoles(Roles.Agency, Roles.Admin).WithSummary("Unsubscribe");
        hooks.MapPost("/{id}/replay", ReplayWebhook).AllowRoles(Roles.Agency, Roles.Admin)
            .WithSummary("Deliver again from a cursor (an outbox seq; 0: from the start) and resume a parked subscription");
        app.MapGet("/api/propagation", GetStatus).WithTags("Operations").AllowRoles(Roles.Admin, Roles.Auditor)
            .WithSummary("Where propagation stands: this node, the leader, the outbox, the sweep cursor, the notifier, the webhooks");
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFeed(
        string? after, string? limit, string? agency, Caller caller, IPropagationStore store, CancellationToken cancellationToken)
    {
        long cursor = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            return ApiProblem.Invalid("after", $"'{after}' is not a cursor: use 0 or the 'next' of the previous page");
        }

        // Read as text, like 'after': a binder's failure would name the body, not the parameter.
        var size = 100;
        if ((limit is not null && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size)) || size is < 1 or > MaxFeedLimit)
        {
            return ApiProblem.Invalid("limit", $"must be between 1 and {MaxFeedLimit}");
        }

        if (AgencyOf(caller, agency, out var code) is { } problem)
        {
            return problem;
        }

        var page = await store.ReadFeedAsync(code, cursor, size, cancellationToken);
        var json = new StringBuilder(page.Items.Count * 480 + 64).Append("{\"changes\":[");
        for (var i = 0; i < page.Items.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(page.Items[i].Payload);
        }

        json.Append("],\"next\":").Append(page.Next.ToString(CultureInfo.InvariantCulture)).Append('}');
        return TypedResults.Text(json.ToString(), "application/json", Encoding.UTF8);
    }

    public static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> CreateWebhook(
        WebhookRequest body, Caller caller, IPropagationStore store, IOptions<PropagationOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (AgencyOf(caller, body.Agency, out var agency) is { } problem)
        {
            return problem;
        }

        if (caller.Is(Roles.Agency) && body.Agency is not null && body.Agency != caller.Agency)
        {
            return ApiProblem.Forbidden($"this key acts for agency '{caller.Agency}'", "agency");
        }

        if (CheckUrl(body.Url, options.Value.AllowInsecureLoopbackWebhooks) is { } bad)
        {
            return bad;
        }

        if (body.From is < 0)
        {
            return ApiProblem.Invalid("from", "must be 0 or a seq of the feed");
        }

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var webhook = new WebhookRecord(WebhookSignature.NewId(), agency!, body.Url!, WebhookSignature.NewSecret(), now, caller.Actor,
            body.From ?? 0, WebhookStatus.Active, 0, now, null, null, 0);
        await store.CreateWebhookAsync(webhook, cancellationToken);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", View(webhook, withSecret: true));
    }

    public static async Task<Ok<IReadOnlyList<WebhookResponse>>> ListWebhooks(Caller caller, IPropagationStore store, CancellationToken cancellationToken)
    {
        var list = await store.ListWebhooksAsync(caller.Is(Roles.Agency) ? caller.Agency : null, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookResponse>>([.. list.Select(w => View(w, withSecret: false))]);
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetWebhook(string id, Caller caller, IPropagationStore store, CancellationToken cancellationToken)
    {
        var webhook = await FindAsync(id, caller, store, cancellationToken);
        return webhook is null ? NoWebhook(id) : TypedResults.Ok(View(webhook, withSecret: false));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhook(string id, Caller caller, IPropagationStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, caller, store, cancellationToken) is null || !await store.DeleteWebhookAsync(id, cancellationToken))
        {
            return NoWebhook(id);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ReplayWebhook(
        string id, string? from, Caller caller, IPropagationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (from is null || !long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
        {
            return ApiProblem.Invalid("from", "give the cursor to deliver after: 0 for everything, or a seq the endpoint has");
        }

        if (await FindAsync(id, caller, store, cancellationToken) is null
            || !await store.ReplayWebhookAsync(id, cursor, Instant.FromDateTimeOffset(time.GetUtcNow()), cancellationToken))
        {
            return NoWebhook(id);
        }

        return TypedResults.Ok(View((await store.FindWebhookAsync(id, cancellationToken))!, withSecret: false));
    }

    public static async Task<Ok<PropagationStatusResponse>> GetStatus(IPropagationStore store, PropagationNode node, CancellationToken cancellationToken)
    {
        var s = await store.StatusAsync(cancellationToken);
        var hooks = await store.ListWebhooksAsync(null, cancellationToken);
        return TypedResults.Ok(new PropagationStatusResponse(node.Id, node.IsLeader,
            node.LastSweep is { } last ? TimeFormats.Format(last) : null, s.OutboxTip, s.FactCursor, s.FactTip,
            s.SweptAt is { } at ? TimeFormats.Format(at) : null, s.NotifierCursor, s.Notifications, [.. hooks.Select(w => View(w, withSecret: false))]));
    }

    /// <summary>An agency key's own agency; an admin or auditor names one (or, for the feed, none: every change).</summary>
    private static ProblemHttpResult? AgencyOf(Caller caller, string? requested, out string? agency)
    {
        var code = caller.Is(Roles.Agency) ? caller.Agency : requested;
        agency = code;
        if (caller.Is(Roles.Agency) && string.IsNullOrEmpty(code))
        {
            return ApiProblem.Forbidden("this agency key names no agency", "Authorization");
        }

        if (code is not null && !Agency.All.Any(a => a.Code == code))
        {
            return ApiProblem.Invalid("agency", $"'{code}' is not an agency: {string.Join(", ", Agency.All.Select(a => a.Code))}");
        }

        return null;
    }

    private static ProblemHttpResult? CheckUrl(string? url, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return ApiProblem.Invalid("url", "is required");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return ApiProblem.Invalid("url", $"'{url}' is not an absolute URL without credentials or fragment");
        }

        if (uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return null;
        }

        return ApiProblem.Invalid("url", "must be https:// (deliveries carry personal ids and are signed, not encrypted)");
    }

    private static async Task<WebhookRecord?> FindAsync(string id, Caller caller, IPropagationStore store, CancellationToken cancellationToken)
    {
        var webhook = await store.FindWebhookAsync(id, cancellationToken);
        return webhook is null || (caller.Is(Roles.Agency) && webhook.Agency != caller.Agency) ? null : webhook;
    }

    private static ProblemHttpResult NoWebhook(string id) => ApiProblem.NotFound("id", $"no webhook '{id}' for this key");

    private static WebhookResponse View(WebhookRecord w, bool withSecret) => new(
        w.Id, w.Agency, w.Url, w.Status, w.Cursor, w.Failures, TimeFormats.Format(w.NextAttemptAt),
        w.LastAttemptAt is { } a ? TimeFormats.Format(a) : null, w.LastError, w.Delivered, TimeFormats.Format(w.CreatedAt),
        withSecret ? w.Secret : null);
}
