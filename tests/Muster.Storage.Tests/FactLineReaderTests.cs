using System.Text;

namespace Muster.Storage.Tests;

public sealed class FactLineReaderTests
{
    private static List<FactLine> Read(byte[] bytes) => [.. FactLineReader.Read(new MemoryStream(bytes), TestFacts.Now)];

    [Fact]
    public void Lines_keep_their_numbers_across_blank_lines_a_bom_crlf_and_a_missing_last_newline()
    {
        var registered = TestFacts.Line(TestFacts.Registered("p-1", "f-1"));
        var placed = TestFacts.Line(TestFacts.Placed("p-1", "s-1", "f-2"));
        var bytes = Encoding.UTF8.GetBytes($"\uFEFF{registered}\r\n\r\n   \n{{broken\n{placed}");

        var lines = Read(bytes);

        Assert.Equal([1L, 4L, 5L], lines.Select(l => l.LineNumber));
        Assert.Equal("f-1", lines[0].Fact!.Id);
        Assert.NotNull(lines[1].Error);
        Assert.Equal(TestFacts.Placed("p-1", "s-1", "f-2"), lines[2].Fact);
    }

    [Fact]
    public void A_line_longer_than_the_read_buffer_is_read_whole()
    {
        var padding = new string(' ', 200_000);
        var bytes = Encoding.UTF8.GetBytes(TestFacts.Line(TestFacts.Registered("p-1", "f-1")).Replace("{\"type\"", "{" + padding + "\"type\"", StringComparison.Ordinal) + "\n" + TestFacts.Line(TestFacts.Registered("p-2", "f-2")) + "\n");

        var lines = Read(bytes);

        Assert.Equal(["f-1", "f-2"], lines.Select(l => l.Fact!.Id));
    }
}
