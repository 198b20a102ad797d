using System.Diagnostics;
using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

public abstract partial class ApiContract
{
    /// <summary>
    /// Border checks keep the holders of a document in memory. A write through this server is seen by
    /// the next check at once; a write by another process (here `muster import` on the same database,
    /// as another node would) is seen once the server has followed the log (every 100 ms) — never a
    /// stale answer for good.
    /// </summary>
    [Fact]
    public async Task A_border_check_sees_this_servers_writes_at_once_and_another_processs_once_it_follows_the_log()
    {
        var (person, document) = await NewPersonAsync();
        var check = new { documentNumber = document, issuingState = "RUS", birthDate = "1997-04-12" };
        Assert.Equal("allow", (await BorderCheckAsync(check)).Text("decision"));

        // This server's own write: the very next check.
        await Api.PlaceSummonsAsync(person);
        Assert.Equal("deny", (await BorderCheckAsync(check)).Text("decision"));
        Api.SetClock("2026-03-02T07:00:00Z");
        Assert.Equal("deny", (await BorderCheckAsync(check)).Text("decision"));

        // Another process appends the appearance that lifts the ban.
        var file = Path.Combine(Path.GetTempPath(), $"muster-appearance-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file,
            $$"""{"type":"appearance.recorded","id":"{{NewId("f")}}","personId":"{{person}}","occurredAt":"2026-03-02T06:30:00Z","recordedAt":"2026-03-02T06:30:00Z","office":"KGD-01"}""" + "\n");
        string imported;
        try
        {
            imported = await MusterCommand.RunAsync("import", "--db", Api.Db, file);
        }
        finally
        {
            File.Delete(file);
        }

        var waited = Stopwatch.StartNew();
        string decision;
        do
        {
            decision = (await BorderCheckAsync(check)).Text("decision");
        }
        while (decision != "allow" && waited.Elapsed < TimeSpan.FromSeconds(10) && await Delay());
        Assert.True(decision == "allow", $"still '{decision}' {waited.Elapsed.TotalSeconds:F1} s after another process recorded the appearance: {imported}; status {(await Api.GetAsync("admin", $"/api/persons/{person}/status")).Body}");

        static async Task<bool> Delay()
        {
            await Task.Delay(20);
            return true;
        }
    }
}
