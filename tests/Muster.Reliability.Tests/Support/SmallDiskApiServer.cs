namespace Muster.Reliability.Tests.Support;

/// <summary>
/// The API's register (<see cref="ApiServer"/>: offices, a key of every role, p-own and p-other) with its
/// SQLite file on a filesystem of its own — a 16 MB tmpfs mounted for the test (as root, or with sudo as
/// ./test.sh uses it) — so that a test can fill the disk under a running server.
/// </summary>
public sealed class SmallDiskApiServer : ApiServer
{
    public string Disk { get; private set; } = "";

    protected override async Task PrepareAsync()
    {
        Disk = Path.Combine(Folder, "disk");
        Directory.CreateDirectory(Disk);
        var mounted = await AsRootAsync("mount", "-t", "tmpfs", "-o", "size=16m,mode=1777", "tmpfs", Disk);
        if (mounted.ExitCode != 0)
        {
            throw new InvalidOperationException($"the full-disk test mounts a small tmpfs: it needs root, or sudo without a password (as ./test.sh uses): {mounted.All}");
        }
    }

    public override Task<string> NewDatabaseAsync() => Task.FromResult("sqlite:" + Path.Combine(Disk, $"muster-{Guid.NewGuid():N}.db"));

    public override async Task DisposeAsync()
    {
        if (Disk.Length > 0)
        {
            // The server may still hold the file: a lazy unmount detaches the filesystem now and frees it when the process is gone.
            await AsRootAsync("umount", "-l", Disk);
        }

        await base.DisposeAsync();
    }

    private static Task<Processes.Result> AsRootAsync(string program, params string[] arguments) =>
        Processes.IsRoot ? Processes.RunAsync(program, arguments) : Processes.RunAsync("sudo", ["-n", program, .. arguments]);
}
