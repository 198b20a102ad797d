namespace Muster.Core.Evaluation;

/// <summary>
/// Per-thread working space of one evaluation: cheaper than renting from a pool on every call and,
/// unlike stackalloc, it leaves the evaluator's methods eligible for tiered, profile-guided
/// compilation. Evaluation never re-enters itself, so one set per thread is enough. The segments
/// hold references to policies and rules only (facts are referred to by index), so nothing a caller
/// passed in is kept alive by it.
/// </summary>
internal sealed class EvaluationScratch
{
    [ThreadStatic]
    private static EvaluationScratch? t_current;

    public Segment[] Segments = new Segment[16];
    public bool[] Effective = new bool[16];

    /// <summary>Three index lists of the fact count each (placements, deliveries, lifters).</summary>
    public int[] Indices = new int[48];

    /// <summary>Pairs of (retraction, target) indices.</summary>
    public int[] Pairs = new int[32];

    /// <summary>This thread's scratch, grown to hold <paramref name="facts"/> facts and <paramref name="segments"/> segments.</summary>
    public static EvaluationScratch For(int facts, int segments)
    {
        var scratch = t_current ??= new EvaluationScratch();
        if (scratch.Segments.Length < segments)
        {
            scratch.Segments = new Segment[Math.Max(segments, 2 * scratch.Segments.Length)];
        }

        if (scratch.Effective.Length < facts)
        {
            var size = Math.Max(facts, 2 * scratch.Effective.Length);
            scratch.Effective = new bool[size];
            scratch.Indices = new int[3 * size];
            scratch.Pairs = new int[2 * size];
        }

        return scratch;
    }
}
