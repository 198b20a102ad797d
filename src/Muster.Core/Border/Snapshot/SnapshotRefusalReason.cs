namespace Muster.Core.Border.Snapshot;

/// <summary>Why a post will not use a snapshot or delta. Every one of them means: do not decide offline from it.</summary>
public enum SnapshotRefusalReason
{
    /// <summary>Shorter than its header and signature, or than its header says it is.</summary>
    Truncated,

    /// <summary>Does not start with the snapshot (or delta) magic: another file, or a delta given as a snapshot.</summary>
    BadMagic,

    /// <summary>A format version this program does not read.</summary>
    UnsupportedFormat,

    /// <summary>Bytes in the wrong place: reserved bytes set, trailing bytes, unsorted or repeated hashes, impossible instants.</summary>
    Malformed,

    /// <summary>Signed (says its header) by a key other than the one this post trusts.</summary>
    WrongKey,

    /// <summary>The signature does not verify: the bytes were changed, or not made by the centre.</summary>
    BadSignature,

    /// <summary>Hashed under a hash key other than the post's: every lookup would miss, so everyone would be allowed.</summary>
    WrongHashKey,

    /// <summary>Past its valid-until instant.</summary>
    Expired,

    /// <summary>Issued after the post's clock says it is now: the clock is behind, so expiry cannot be trusted either.</summary>
    IssuedInFuture,

    /// <summary>A delta from a version other than the snapshot's.</summary>
    WrongBase,

    /// <summary>A delta that does not fit the snapshot: it adds what is there, removes what is not, or the result is not the centre's list.</summary>
    Inconsistent,
}
