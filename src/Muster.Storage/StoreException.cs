namespace Muster.Storage;

/// <summary>Why a store cannot do what was asked: unreachable, wrong schema version, bad connection text. The message says what to do.</summary>
public sealed class StoreException : Exception
{
    public StoreException() { }

    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }

    /// <summary>What kind of trouble it is; a server answers by it (503, or 507 when the disk is full).</summary>
    public StoreFailure Failure { get; init; }
}

/// <summary>The kinds of <see cref="StoreException"/> a caller answers differently.</summary>
public enum StoreFailure
{
    /// <summary>The store cannot be used now (unreachable, busy, refused): try again later.</summary>
    Unavailable,

    /// <summary>The disk under the store is full: nothing more can be written until space is freed; reads still work.</summary>
    OutOfSpace,
}
