using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Core.Facts;

namespace Muster.Cli.Server.Register;

/// <summary>
/// What a command decided, given the person's record: facts to append and the answer to give, or a
/// problem (and nothing appended).
/// </summary>
public sealed class Decision<T>
    where T : class
{
    private Decision(IReadOnlyList<Fact> facts, T? value, ProblemHttpResult? problem)
    {
        Facts = facts;
        Value = value;
        Problem = problem;
    }

    public IReadOnlyList<Fact> Facts { get; }

    public T? Value { get; }

    public ProblemHttpResult? Problem { get; }

    public static Decision<T> Append(T value, params Fact[] facts) => new(facts, value, null);

    /// <summary>Nothing to record (the record already says so); answer with <paramref name="value"/>.</summary>
    public static Decision<T> Nothing(T value) => new([], value, null);

    public static implicit operator Decision<T>(ProblemHttpResult problem) => new([], null, problem);
}

/// <summary>The outcome of a command: the answer and the person's version after it, or a problem.</summary>
public sealed record Outcome<T>(T? Value, long Version, ProblemHttpResult? Problem)
    where T : class;
