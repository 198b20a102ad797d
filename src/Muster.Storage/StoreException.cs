namespace Muster.Storage;

/// <summary>Why a store cannot do what was asked: unreachable, wrong schema version, bad connection text. The message says what to do.</summary>
public sealed class StoreException : Exception
{
    public StoreException() { }

    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }
}
