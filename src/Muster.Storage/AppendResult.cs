namespace Muster.Storage;

/// <summary>What became of an append. Nothing is written unless the result is <see cref="Appended"/>.</summary>
public abstract record AppendResult
{
    private AppendResult() { }

    /// <summary>Stored; <paramref name="Version"/> is the person's version after the append.</summary>
    public sealed record Appended(long Version, int Stored, int AlreadyStored) : AppendResult;

    /// <summary>Every fact was already stored with the same content; nothing was written.</summary>
    public sealed record AlreadyPresent(long Version) : AppendResult;

    /// <summary>A fact id is already stored with other content (or for another person).</summary>
    public sealed record Conflict(string FactId, string Reason) : AppendResult;

    /// <summary>The person's version is not the expected one: someone appended since the caller looked.</summary>
    public sealed record VersionConflict(long Expected, long Actual) : AppendResult;

    /// <summary>A fact breaks a rule of the log (first fact not a registration, unknown summons, ...).</summary>
    public sealed record Rejected(string FactId, string Reason) : AppendResult;
}
