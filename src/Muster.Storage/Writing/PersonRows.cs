using System.Data.Common;

namespace Muster.Storage.Writing;

/// <summary>Fact rows read as (person_id, seq, content), ordered by person and seq, gathered into each person's rows in log order.</summary>
internal static class PersonRows
{
    public static async ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<(long, string)>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var personId = reader.GetString(0);
            if (!result.TryGetValue(personId, out var rows))
            {
                result[personId] = rows = [];
            }

            rows.Add((reader.GetInt64(1), reader.GetString(2)));
        }

        return result;
    }
}
