namespace Muster.Storage.Writing;

/// <summary>
/// An engine's help for a long run of large write transactions (an import), held while the run
/// lasts and told of each commit. Most engines need none.
/// </summary>
internal interface IBulkWriting : IAsyncDisposable
{
    static IBulkWriting None { get; } = new NoHelp();

    void Committed();

    private sealed class NoHelp : IBulkWriting
    {
        public void Committed()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
