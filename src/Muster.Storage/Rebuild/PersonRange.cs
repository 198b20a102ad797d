namespace Muster.Storage.Rebuild;

/// <summary>
/// A slice of persons by id, in the database's byte order: after <see cref="After"/> (null: from the
/// first) through <see cref="Through"/> (null: to the last). Slices of the fact log and of every
/// projection table are taken by the same range, so a projection row with no facts at all still
/// falls into one.
/// </summary>
internal readonly record struct PersonRange(string? After, string? Through)
{
    /// <summary>"WHERE person_id > {p}after AND person_id &lt;= {p}through" with those bounds that are set ("" for neither).</summary>
    public string Where(string column, char marker)
    {
        var conditions = new List<string>(2);
        if (After is not null)
        {
            conditions.Add($"{column} > {marker}after");
        }

        if (Through is not null)
        {
            conditions.Add($"{column} <= {marker}through");
        }

        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>The bound values in the order <see cref="Where"/> names them.</summary>
    public object?[] Values => (After, Through) switch
    {
        (null, null) => [],
        (null, { } t) => [t],
        ({ } a, null) => [a],
        ({ } a, { } t) => [a, t],
    };
}
