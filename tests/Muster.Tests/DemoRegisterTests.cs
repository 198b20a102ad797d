using Muster.Cli.Demo;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Tests;

/// <summary>A demo starts on a fresh register: nothing an earlier demo left beside the file carries over.</summary>
public sealed class DemoRegisterTests
{
    [Fact]
    public async Task A_new_demo_register_deletes_the_access_journals_an_earlier_demo_server_left_beside_the_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"muster-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var db = Path.Combine(folder, "muster.db");
            var left = db + ".access-0123456789ab.journal";
            var unrelated = Path.Combine(folder, "other.db.access-0123456789ab.journal");
            await File.WriteAllTextAsync(left, """{"official":"key:k-old","personId":"demo-000001","purpose":"old","at":"2026-01-01T00:00:00Z"}""" + "\n");
            await File.WriteAllTextAsync(unrelated, "");

            var policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
            await DemoRegister.CreateAsync("sqlite:" + db, SystemClock.Instance, policies, 200, CancellationToken.None);

            Assert.False(File.Exists(left), "the earlier demo's journal would move old records into the new register");
            Assert.True(File.Exists(unrelated), "another database's journal is not the demo's to delete");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
