using Muster.Core.Facts;

namespace Muster.Cli.Server.Register;

/// <summary>
/// Tells this node's caches what changed in the register: at once for this node's own writes (so a
/// write's answer is never followed by a stale read here), and from <see cref="LogFollower"/> for what
/// other nodes and processes wrote.
/// </summary>
public sealed class RegisterChanges
{
    /// <summary>A person's facts changed; true when their registration (name, documents) may have.</summary>
    public event Action<string, bool>? PersonChanged;

    /// <summary>Anything may have changed (an import, or the follower fell behind).</summary>
    public event Action? EverythingChanged;

    public void Appended(string personId, IEnumerable<Fact> facts) =>
        Person(personId, facts.Any(f => IsRegistrationChange(f.Type)));

    public void Person(string personId, bool registration) => PersonChanged?.Invoke(personId, registration);

    public void Everything() => EverythingChanged?.Invoke();

    /// <summary>A retraction may take back a registration, so it counts as one.</summary>
    public static bool IsRegistrationChange(string factType) => factType is PersonRegistered.TypeName or FactRetracted.TypeName;
}
