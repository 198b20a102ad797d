using System.Text;
using Muster.Cli.Server.Register;

namespace Muster.Api.Tests;

/// <summary>
/// The access journal's file (<see cref="JournalFile"/>): appends go through a memory mapping, so what
/// another handle reads must be exactly what was appended, in order, across the file growing past the
/// space first reserved; past the records the file holds zeros, and the lock keeps another process's
/// exclusive open out.
/// </summary>
public sealed class JournalFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muster-journal-file-");

    [Fact]
    public void What_is_appended_is_what_another_handle_reads_across_growth_and_zeros_follow()
    {
        var path = Path.Combine(_folder.FullName, "a.journal");
        var expected = new StringBuilder();
        using (var file = JournalFile.Create(path, capacity: 4096))
        {
            for (var i = 0; i < 2_000; i++)
            {
                // Lines of varying length, so appends straddle every boundary the file grows at.
                var line = $"{{\"n\":{i},\"pad\":\"{new string('x', i % 97)}\"}}\n";
                file.Append(Encoding.UTF8.GetBytes(line));
                expected.Append(line);
            }

            Assert.Equal(Encoding.UTF8.GetByteCount(expected.ToString()), file.Length);
            var bytes = ReadShared(path);
            Assert.True(bytes.Length >= file.Length, $"the file is {bytes.Length} bytes, {file.Length} appended");
            Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(bytes, 0, (int)file.Length));
            Assert.All(bytes[(int)file.Length..], b => Assert.Equal(0, b));

            // The live writer's lock: an adopter's exclusive open fails while the file is open.
            Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
        }

        using var afterClose = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(afterClose.Length >= expected.Length);
    }

    [Fact]
    public void A_file_that_exists_already_is_never_opened_again_as_a_new_journal()
    {
        var path = Path.Combine(_folder.FullName, "b.journal");
        File.WriteAllText(path, "somebody else's\n");
        Assert.Throws<IOException>(() => JournalFile.Create(path, capacity: 4096).Dispose());
        Assert.Equal("somebody else's\n", File.ReadAllText(path));
    }

    private static byte[] ReadShared(string path)
    {
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[reader.Length];
        reader.ReadExactly(bytes);
        return bytes;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
