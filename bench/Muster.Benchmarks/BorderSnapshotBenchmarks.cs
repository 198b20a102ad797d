using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Muster.Core.Border.Snapshot;
using NodaTime;

namespace Muster.Benchmarks;

/// <summary>
/// A border snapshot of 1,000,000 banned documents (issue 7: ≤ 40 MB, verified in ≤ 1 s, a check in
/// ≤ 5 µs). Two groups, each with its own baseline, so every figure is also a ratio:
/// "check" against the HMAC alone with a reused keyed context (the least a keyed lookup must do),
/// "load" against SHA-256 of the file (the least a signature check must do).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BorderSnapshotBenchmarks
{
    private const int Documents = 1_000_000;
    private static readonly Instant IssuedAt = Instant.FromUtc(2026, 3, 5, 6, 0);

    private byte[] _bytes = null!;
    private BorderSigningKey _signing = null!;
    private BorderHashKey _hashKey = null!;
    private BorderSnapshot _snapshot = null!;
    private HashSet<string> _plain = null!;
    private readonly byte[] _macKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _macBuffer = new byte[32];
    private IncrementalHash _hmac = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signing = BorderSigningKey.Generate();
        _hashKey = BorderHashKey.Generate();
        var banned = Enumerable.Range(0, Documents).Select(i => ("RUS", $"{i * 7:D10}")).ToArray();
        _bytes = BorderSnapshotBuilder.Build(1, IssuedAt, IssuedAt + Duration.FromHours(24), banned, _signing, _hashKey);
        _snapshot = BorderSnapshot.Load(_bytes, _signing.PublicKey, _hashKey, IssuedAt).Value!;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _macKey);
        _plain = [.. banned.Select(b => $"{b.Item1}|{b.Item2}")];
        Console.WriteLine($"// border snapshot of {Documents:N0} documents: {_bytes.Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signing.Dispose();
        _hmac.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("check")]
    public byte HmacAlone()
    {
        _hmac.AppendData("RUS|0000000700"u8);
        _hmac.GetHashAndReset(_macBuffer);
        return _macBuffer[0];
    }

    /// <summary>The one-shot API sets up a keyed context per call; this is why IsBanned keeps one per thread.</summary>
    [Benchmark, BenchmarkCategory("check")]
    public byte HmacOneShot()
    {
        HMACSHA256.HashData(_macKey, "RUS|0000000700"u8, _macBuffer);
        return _macBuffer[0];
    }

    [Benchmark, BenchmarkCategory("check")]
    public bool IsBannedHit() => _snapshot.IsBanned("RUS", "0000000700");

    [Benchmark, BenchmarkCategory("check")]
    public bool IsBannedMiss() => _snapshot.IsBanned("RUS", "0000000701");

    /// <summary>What an unprotected list of plain numbers would cost: no key, but it names every document.</summary>
    [Benchmark, BenchmarkCategory("check")]
    public bool PlainHashSetContains() => _plain.Contains("RUS|0000000700");

    [Benchmark(Baseline = true), BenchmarkCategory("load")]
    public byte Sha256OfTheFile() => SHA256.HashData(_bytes)[0];

    [Benchmark, BenchmarkCategory("load")]
    public int LoadAndVerify() => BorderSnapshot.Load(_bytes, _signing.PublicKey, _hashKey, IssuedAt).Value!.Count;
}
