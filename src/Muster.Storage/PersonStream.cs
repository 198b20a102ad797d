using Muster.Core.Facts;

namespace Muster.Storage;

/// <summary>A person's facts in log order and the version (their count) an append can expect.</summary>
public sealed record PersonStream(string PersonId, IReadOnlyList<Fact> Facts, long Version);
