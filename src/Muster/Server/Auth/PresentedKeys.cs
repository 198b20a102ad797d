using Microsoft.AspNetCore.Connections.Features;

namespace Muster.Cli.Server.Auth;

/// <summary>
/// The hash of the key a connection presents, computed once per connection instead of once per
/// request: a border post sends thousands of checks over one keep-alive connection with the same
/// header, and SHA-256 through OpenSSL (plus the UTF-8 and hex copies) was a visible share of a
/// check's CPU. Only the hash is memoised; whether the key is valid, revoked or expired from the
/// cache is still decided by <see cref="KeyResolver"/> on every request.
/// </summary>
/// <remarks>The connection remembers its last Authorization header (as Kestrel itself does, to reuse
/// header strings), so no key is kept beyond the connection that sent it. A connection that presents
/// another key gets it hashed anew.</remarks>
public static class PresentedKeys
{
    private static readonly object Slot = new();

    /// <summary>The hash of the key in <paramref name="header"/> ("Bearer KEY", checked by the caller).</summary>
    public static string HashOf(HttpContext context, string header)
    {
        // HTTP/1.x only: a connection carries one request at a time, so its items need no lock (HTTP/2 streams run concurrently).
        var items = HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)
            ? context.Features.Get<IConnectionItemsFeature>()?.Items
            : null;
        if (items is not null && items.TryGetValue(Slot, out var value) && value is Memo memo && string.Equals(memo.Header, header, StringComparison.Ordinal))
        {
            return memo.Hash;
        }

        var hash = ApiKeys.Hash(header[7..].Trim());
        if (items is not null)
        {
            items[Slot] = new Memo(header, hash);
        }

        return hash;
    }

    private sealed record Memo(string Header, string Hash);
}
