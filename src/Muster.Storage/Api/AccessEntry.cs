using NodaTime;

namespace Muster.Storage.Api;

/// <summary>One official's read of a person's data, to be appended to the access log: who, whom, why, when.</summary>
public sealed record AccessEntry(string Official, string PersonId, string Purpose, Instant At)
{
    /// <summary>
    /// The record's canonical text (what the access log stores and its chain hash covers), when it is
    /// known already: a journal line that <see cref="AccessLines.Read"/> found canonical. Null: the store
    /// writes it from the fields. Set only inside the store, so it never disagrees with the fields.
    /// </summary>
    public string? Content { get; internal init; }
}
