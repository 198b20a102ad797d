using BenchmarkDotNet.Attributes;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Benchmarks;

/// <summary>
/// Evaluate on typical histories. The baseline reads every fact once (the least any evaluator must
/// do), so the ratio says what the law costs on top of touching the data.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private PolicySet _policies = null!;
    private Fact[] _facts = null!;
    private readonly Instant _at = Instant.FromUtc(2026, 3, 10, 0, 0);

    [Params("1-unopened", "1-answered", "3-summonses")]
    public string History { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
        _facts = History switch
        {
            "1-unopened" => TypicalHistories.OneUnopened(),
            "1-answered" => TypicalHistories.OneAnswered(),
            _ => TypicalHistories.ThreeSummonses(),
        };
    }

    [Benchmark(Baseline = true)]
    public long ReadEveryFactOnce()
    {
        long sum = 0;
        foreach (var fact in _facts)
        {
            sum += fact.OccurredAt.ToUnixTimeTicks() ^ fact.Id.Length;
        }

        return sum;
    }

    /// <summary>The answer: what is in force (per rule and summons), what is upcoming, the next change.</summary>
    [Benchmark]
    public PersonStatus Evaluate() => Evaluator.Evaluate(_facts, _policies, _at, Instant.MaxValue);

    /// <summary>The answer and its per-code records, as the API and the portals read them.</summary>
    [Benchmark]
    public int EvaluateAndListEveryCode()
    {
        var status = Evaluator.Evaluate(_facts, _policies, _at, Instant.MaxValue);
        return status.InForce.Length + status.Upcoming.Length;
    }
}
