namespace Muster.Core.Policies;

/// <summary>A policy file is wrong. The message reads "file:line:column: field: what is wrong".</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string file, int line, int column, string field, string problem)
        : base($"{file}:{line}:{column}: {field}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Problem = problem;
    }

    public PolicyException() { }

    public PolicyException(string message) : base(message) { }

    public PolicyException(string message, Exception innerException) : base(message, innerException) { }

    public string File { get; } = "";
    public int Line { get; }
    public int Column { get; }
    public string Field { get; } = "";
    public string Problem { get; } = "";
}
