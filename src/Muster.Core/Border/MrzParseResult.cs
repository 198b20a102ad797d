using System.Collections.Immutable;

namespace Muster.Core.Border;

/// <summary>
/// The outcome of reading an MRZ: either a document (<see cref="Mrz"/> set, no problems) or the
/// list of problems that made it unreadable (<see cref="Mrz"/> null). Never both, never neither.
/// </summary>
public sealed record MrzParseResult
{
    private MrzParseResult(Mrz? mrz, ImmutableArray<MrzProblem> problems)
    {
        Mrz = mrz;
        Problems = problems;
    }

    public Mrz? Mrz { get; }

    public ImmutableArray<MrzProblem> Problems { get; }

    public bool IsValid => Mrz is not null;

    public static MrzParseResult Valid(Mrz mrz) => new(mrz, []);

    public static MrzParseResult Invalid(IEnumerable<MrzProblem> problems)
    {
        var list = problems.ToImmutableArray();
        return list.IsEmpty
            ? throw new ArgumentException("An invalid result needs at least one problem.", nameof(problems))
            : new MrzParseResult(null, list);
    }

    public static MrzParseResult Invalid(string field, string message) => new(null, [new MrzProblem(field, message)]);

    public override string ToString() => IsValid ? $"valid {Mrz!.Format}" : string.Join("; ", Problems);
}
