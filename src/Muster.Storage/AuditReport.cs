namespace Muster.Storage;

/// <summary>
/// The result of walking the audit chains. When broken, <see cref="Chain"/> ("facts" or "access"),
/// <see cref="Sequence"/> and <see cref="Problem"/> name the first bad row.
/// </summary>
public sealed record AuditReport(bool Intact, long FactRows, long AccessRows, string FactTipHash, string? Chain, long? Sequence, string? Problem)
{
    public static AuditReport Ok(long factRows, long accessRows, string tipHash) => new(true, factRows, accessRows, tipHash, null, null, null);
}
