using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Muster.Core.Propagation;

/// <summary>Content-derived ids: the same transition gets the same id on every node and every re-run.</summary>
public static class ChangeIds
{
    public static string IntervalKey(string personId, string code, string summonsId, string ruleId, Instant start) =>
        $"{personId}|{code}|{summonsId}|{ruleId}|{start.ToUnixTimeTicks()}";

    public static string For(string intervalKey, ChangeKind kind)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{intervalKey}|{kind}"), hash);
        return "chg-" + Convert.ToHexStringLower(hash[..12]);
    }
}
