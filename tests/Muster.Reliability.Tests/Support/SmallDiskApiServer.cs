namespace Muster.Reliability.Tests.Support;

/// <summary>
/// The API's register (<see cref="ApiServer"/>: offices, a key of every role, p-own and p-other) with its
/// SQLite file on a filesystem of its own — a 16 MB tmpfs mounted for the test (the tests run as root, as
/// ./test.sh does) — so that a test can fill the disk under a running server.
/// </summary>
public sealed class SmallDiskApiServer : ApiServer
{
    public string Disk { get; private set; } = "";

    protected override async Task PrepareAsync()
    {
        Disk = Path.Combine(Folder, "disk");
        Directory.CreateDirectory(Disk);
        var mounted = await Processes.RunAsync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", Disk]);
        if (mounted.ExitCode != 0)
        {
            throw new InvalidOperationException($"the full-disk test mounts a small tmpfs and needs root for it (./test.sh runs as root or with sudo): {mounted.All}");
        }
    }

    public override Task<string> NewDatabaseAsync() => Task.FromResult("sqlite:" + Path.Combine(Disk, $"muster-{Guid.NewGuid():N}.db"));

    public override async Task DisposeAsync()
    {
        if (Disk.Length > 0)
        {
            // The server may still hold the file: a lazy unmount detaches the filesystem now and frees it when the process is gone.
            await Processes.RunAsync("umount", ["-l", Disk]);
        }

        await base.DisposeAsync();
    }
}
