namespace Muster.Core.Serialization;

/// <summary>Why a fact could not be read: the field at fault (a JSON path such as "documents[0].number") and what is wrong.</summary>
public sealed record FactParseError(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
