using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Muster.Core.Propagation;

/// <summary>Content-derived ids: the same transition gets the same id on every node and every re-run.</summary>
public static class ChangeIds
{
    public static string IntervalKey(string personId, string code, string summonsId, string ruleId, Instant start) =>
        $"{personId}|{code}|{summonsId}|{ruleId}|{start.ToUnixTimeTicks()}";

    /// <summary>
    /// The id of the first imposition or lift of an interval (<paramref name="generation"/> 0), or of a
    /// later one: an interval whose lift was retracted is imposed again as generation 1, and so on.
    /// </summary>
    public static string For(string intervalKey, ChangeKind kind, int generation = 0)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = generation == 0 ? $"{intervalKey}|{kind}" : $"{intervalKey}#{generation}|{kind}";
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return "chg-" + Convert.ToHexStringLower(hash[..12]);
    }
}
