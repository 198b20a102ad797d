namespace Muster.Storage.Audit;

/// <summary>
/// Walks one chain's rows in sequence order and stops at the first bad row, saying what is wrong:
/// a row missing (deleted), a row whose content no longer matches its hash (altered), a row whose
/// content and hash were both rewritten (caught by the next row's link), a row beyond the chain tip
/// (inserted out of band).
/// </summary>
internal sealed class ChainWalker(string chain)
{
    private byte[] _previous = AuditChain.Genesis;
    private long _expected = 1;

    public string Chain { get; } = chain;
    public long Rows { get; private set; }
    public long? BadSequence { get; private set; }
    public string? Problem { get; private set; }
    public bool Broken => BadSequence is not null;

    /// <summary>Checks the next row; false once the chain is found broken (stop reading).</summary>
    public bool Step(long sequence, string content, byte[] previousHash, byte[] hash, string? columnProblem = null)
    {
        if (sequence != _expected)
        {
            return Fail(_expected, sequence > _expected
                ? $"row missing: rows {_expected}..{sequence - 1} were deleted"
                : $"row out of order (sequence {sequence} after {_expected - 1})");
        }

        var computed = AuditChain.Next(previousHash, content);
        if (!computed.AsSpan().SequenceEqual(hash))
        {
            return Fail(sequence, "content altered: the row no longer matches its hash");
        }

        if (!previousHash.AsSpan().SequenceEqual(_previous))
        {
            return sequence == 1
                ? Fail(sequence, "chain broken: the first row does not start from the genesis hash")
                : Fail(sequence - 1, $"altered: the row's content and hash were rewritten (row {sequence} no longer links to it)");
        }

        if (columnProblem is not null)
        {
            return Fail(sequence, columnProblem);
        }

        _previous = hash;
        _expected++;
        Rows++;
        return true;
    }

    /// <summary>Compares the end of the walk with the recorded chain tip.</summary>
    public void Finish(ChainTip tip)
    {
        if (Broken)
        {
            return;
        }

        var last = _expected - 1;
        if (tip.Sequence > last)
        {
            Fail(last + 1, $"row missing: rows {last + 1}..{tip.Sequence} were deleted (the chain tip is at {tip.Sequence})");
        }
        else if (tip.Sequence < last)
        {
            Fail(tip.Sequence + 1, $"inserted out of band: rows {tip.Sequence + 1}..{last} are beyond the chain tip");
        }
        else if (!tip.Hash.AsSpan().SequenceEqual(_previous))
        {
            Fail(last, "altered: the last row's hash differs from the recorded chain tip");
        }
    }

    public string TipHash => AuditChain.Hex(_previous);

    private bool Fail(long sequence, string problem)
    {
        BadSequence = sequence;
        Problem = problem;
        return false;
    }
}
