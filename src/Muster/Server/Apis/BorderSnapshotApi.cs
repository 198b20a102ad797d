using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Border;
using Muster.Cli.Server.Problems;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// The offline list for border posts (docs/border-snapshot.md): the signed snapshot of the documents
/// whose holders may not leave, or the signed delta since the version a post holds; the public key to
/// verify them (anyone may have it); the hash key posts look documents up with (posts only).
/// </summary>
public static class BorderSnapshotApi
{
    public const string VersionHeader = "Muster-Snapshot-Version";
    public const string KindHeader = "Muster-Snapshot-Kind";
    public const string BaseHeader = "Muster-Snapshot-Base";
    public const string KeyIdHeader = "Muster-Snapshot-Key-Id";
    public const string PemType = "application/x-pem-file";

    public static IEndpointRouteBuilder MapBorderSnapshotApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/border/snapshot").WithTags("Border");
        group.MapGet("/", GetSnapshot).AllowRoles(Roles.Border, Roles.Admin)
            .WithSummary("The signed offline list of documents whose holders may not leave; ?since=V: the delta from version V (full when V is gone, 204 when V is the latest)");
        group.MapGet("/key", GetPublicKey).AllowAnonymous().WithMetadata(new AllowedRoles(["anyone, no key"]))
            .WithSummary("The public key (PEM) that verifies snapshots and deltas");
        group.MapGet("/hash-key", GetHashKey).AllowRoles(Roles.Border, Roles.Admin)
            .WithSummary("The secret hash key (PEM) posts hash documents with to look them up in the list");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, NoContent, ProblemHttpResult>> GetSnapshot(
        string? since, BorderSnapshots snapshots, HttpResponse response, CancellationToken cancellationToken)
    {
        long? from = null;
        if (since is not null)
        {
            if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return ApiProblem.Invalid("since", $"'{since}' is not a snapshot version: give the {VersionHeader} of the list the post holds");
            }

            from = version;
        }

        var answer = await snapshots.GetAsync(from, cancellationToken);
        response.Headers[VersionHeader] = answer.Version.ToString(CultureInfo.InvariantCulture);
        response.Headers[KindHeader] = answer.Kind.ToString().ToLowerInvariant();
        if (answer.Base is { } baseVersion)
        {
            response.Headers[BaseHeader] = baseVersion.ToString(CultureInfo.InvariantCulture);
        }

        // The list is a secret of the posts (keyed hashes, but still who is banned): no copies in caches on the way.
        response.Headers.CacheControl = "no-store";
        return answer.Bytes is { } bytes
            ? TypedResults.File(bytes, "application/octet-stream", $"muster-border-{answer.Kind.ToString().ToLowerInvariant()}-{answer.Version.ToString(CultureInfo.InvariantCulture)}.bin")
            : TypedResults.NoContent();
    }

    public static ContentHttpResult GetPublicKey(BorderKeyring keys, HttpResponse response)
    {
        response.Headers[KeyIdHeader] = keys.Public.KeyId;
        return TypedResults.Text(keys.Public.ToPem(), PemType, Encoding.ASCII);
    }

    public static ContentHttpResult GetHashKey(BorderKeyring keys, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Text(keys.Hash.ToPem(), PemType, Encoding.ASCII);
    }
}
