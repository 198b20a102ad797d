using Spectre.Console;

namespace Muster.Cli;

/// <summary>The progress bar of the long store commands (import, db rebuild): one task, done when the work returns.</summary>
public static class CliProgress
{
    public static Task RunAsync(string description, double maxValue, Func<ProgressTask, Task> work) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(1, maxValue));
                await work(task);
                task.Value = task.MaxValue;
            });

    /// <summary>Reports on the working thread, at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    public sealed class Immediate<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
