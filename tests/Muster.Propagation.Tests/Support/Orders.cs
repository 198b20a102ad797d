namespace Muster.Propagation.Tests.Support;

/// <summary>Checks on what a webhook receiver got.</summary>
public static class Orders
{
    /// <summary>
    /// Per endpoint and person: every arrival of a change came after at least one arrival of every earlier
    /// change (lower seq) of that person for that endpoint — redeliveries repeat, but nothing overtakes.
    /// </summary>
    public static void AssertNothingOvertakes(IReadOnlyList<Arrival> arrivals, IReadOnlyDictionary<string, long[]> expectedSeqsByEndpointPerson)
    {
        var seen = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var a in arrivals)
        {
            var key = a.Endpoint + "|" + a.PersonId;
            if (!seen.TryGetValue(key, out var got))
            {
                seen[key] = got = [];
            }

            if (expectedSeqsByEndpointPerson.TryGetValue(key, out var all))
            {
                var missing = all.Where(s => s < a.Seq && !got.Contains(s)).ToList();
                Assert.True(missing.Count == 0, $"{a.Endpoint}: change {a.Id} (seq {a.Seq}) of {a.PersonId} arrived before seq {string.Join(",", missing)}");
            }

            got.Add(a.Seq);
        }
    }
}
