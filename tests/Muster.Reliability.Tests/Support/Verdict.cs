using System.Text.Json;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// What any input may get back: an answer (never silence), never a 5xx, and a refusal only as an
/// RFC 9457 problem (application/problem+json) whose status matches and whose "field" names what is
/// at fault. Null: the answer is acceptable; otherwise what is wrong with it.
/// </summary>
public static class Verdict
{
    public static string? Of(Answer answer, Func<string, bool>? fieldIsRight = null)
    {
        if (answer.Status is not { } status || status >= 500)
        {
            return answer.ToString();
        }

        if (status < 400)
        {
            return null;
        }

        if (!answer.IsProblem)
        {
            return "a refusal that is not problem+json: " + answer;
        }

        try
        {
            var json = JsonDocument.Parse(answer.Body).RootElement;
            var field = json.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            return json.GetProperty("status").GetInt32() != status ? "the problem's status differs: " + answer
                : string.IsNullOrWhiteSpace(field) ? "the problem names no field: " + answer
                : fieldIsRight is not null && !fieldIsRight(field) ? $"the problem names '{field}': " + answer
                : null;
        }
        catch (JsonException)
        {
            return "problem+json that is not JSON: " + answer;
        }
    }
}

/// <summary>A campaign: inputs sent a few at a time, every answer judged, the findings kept with their input.</summary>
public static class Fuzz
{
    public sealed record Finding(string Input, string Problem)
    {
        public override string ToString() => $"{Problem}\n    input: {Input}";
    }

    public static async Task<IReadOnlyList<Finding>> RunAsync<T>(IReadOnlyList<T> inputs, Func<T, Task<Answer>> send, Func<T, Answer, string?> judge, Func<T, string> show, int parallel = 4)
    {
        var findings = new System.Collections.Concurrent.ConcurrentQueue<Finding>();
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (input, _) =>
        {
            var answer = await send(input);
            if (judge(input, answer) is { } problem)
            {
                findings.Enqueue(new Finding(Shorten(show(input)), problem.Length > 600 ? problem[..600] + "…" : problem));
            }
        });
        return [.. findings];
    }

    public static string Shorten(string text) => text.Length > 300 ? text[..300] + $"… ({text.Length} characters)" : text;

    /// <summary>The answer of the server to a plain request, after a campaign: it must still be healthy and right.</summary>
    public static async Task AssertHealthyAsync(ApiServer api)
    {
        Assert.Equal(200, (await Client.GetAsync(api.Server.Address, "/healthz", null)).Status);
        var person = await Client.GetAsync(api.Server.Address, $"/api/persons/{ApiServer.Own}", api.Key("admin"));
        Assert.True(person.Status == 200, person.ToString());
    }

    public static string Report(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} findings (seed {Campaign.Seed}; MUSTER_FUZZ_SEED={Campaign.Seed} replays):\n" + string.Join("\n", findings.Take(15));
}
