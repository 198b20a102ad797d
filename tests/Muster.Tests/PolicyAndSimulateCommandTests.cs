namespace Muster.Tests;

/// <summary>What a person sees from `muster policy check` and `muster simulate`, through the real executable.</summary>
public sealed class PolicyAndSimulateCommandTests
{
    private static string Policies => Path.Combine(AppContext.BaseDirectory, "policies");

    [Fact]
    public async Task Policy_check_accepts_the_shipped_policies_and_shows_their_rules()
    {
        var result = await MusterProcess.RunAsync("policy", "check", Path.Combine(Policies, "ru-2023.yaml"), Path.Combine(Policies, "ru-2026.yaml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok ru-2023", result.Output, StringComparison.Ordinal);
        Assert.Contains("ok ru-2026", result.Output, StringComparison.Ordinal);
        Assert.Contains("interim-measures", result.Output, StringComparison.Ordinal);
        Assert.Contains("at most 30 days", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_check_names_file_line_and_field_of_a_mistake_without_a_stack_trace()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        var text = await File.ReadAllTextAsync(Path.Combine(Policies, "ru-2026.yaml"));
        await File.WriteAllTextAsync(broken, text.Replace("anchor: placed", "anchor: posted", StringComparison.Ordinal));
        try
        {
            var result = await MusterProcess.RunAsync("policy", "check", broken);
            Assert.Equal(2, result.ExitCode);
            var line = text.Split('\n').ToList().FindIndex(l => l.Contains("anchor: placed", StringComparison.Ordinal)) + 1;
            Assert.Contains($"{broken}:{line}:", result.All, StringComparison.Ordinal);
            Assert.Contains("rules[0].anchor: unknown anchor 'posted'", result.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Simulate_prints_each_persons_timeline_and_status()
    {
        var facts = Path.Combine(AppContext.BaseDirectory, "samples", "seed-story.jsonl");
        var result = await MusterProcess.RunAsync("simulate", facts, "--at", "2026-03-01T00:00:00Z");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("p-kgd", result.Output, StringComparison.Ordinal);
        Assert.Contains("Europe/Kaliningrad", result.Output, StringComparison.Ordinal);
        // Moscow: placed 2 Feb, never opened; measures from 00:00 on 2 Mar local; appeared 10 Mar.
        Assert.Contains("2026-03-02 00:00 +03", result.Output, StringComparison.Ordinal);
        Assert.Contains("2026-03-10 14:30 +03", result.Output, StringComparison.Ordinal);
        Assert.Contains("upcoming", result.Output, StringComparison.Ordinal);
        Assert.Contains("in force", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_reports_a_bad_line_with_its_number_and_field()
    {
        var file = Path.Combine(Path.GetTempPath(), $"facts-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"type":"person.registered","id":"f1","personId":"p","occurredAt":"2026-01-01T00:00:00Z","nationalId":"1","familyName":"A","givenNames":"B","birthDate":"2000-01-01","region":"RU-MOW"}""",
            "",
            """{"type":"summons.placed","id":"f2","personId":"p","occurredAt":"2026-02-02T09:00:00Z","summonsId":"s1","office":"O","appearanceAt":"5 Feb"}""",
        ]);
        try
        {
            var result = await MusterProcess.RunAsync("simulate", file);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"{Path.GetFileName(file)}:3: appearanceAt:", result.All, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
