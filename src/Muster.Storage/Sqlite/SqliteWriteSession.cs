using Microsoft.Data.Sqlite;
using Muster.Storage.Audit;
using Muster.Storage.Writing;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Writes on the store's one write connection, one IMMEDIATE transaction at a time (SQLite's write
/// lock is the chain lock), with prepared statements. Holds the store's write gate until disposed.
/// </summary>
internal sealed class SqliteWriteSession(SqliteCommands commands, SemaphoreSlim gate) : SqliteSession(commands, gate), IWriteSession
{
    private const string InsertFact = "INSERT INTO facts (seq, fact_id, person_id, type, content, prev_hash, hash) VALUES ($seq, $fact_id, $person_id, $type, $content, $prev_hash, $hash)";
    private const string UpsertPerson = """
        INSERT INTO persons (person_id, national_id, family_name, given_names, patronymic, birth_date, region)
        VALUES ($p, $n, $f, $g, $pa, $b, $r)
        ON CONFLICT (person_id) DO UPDATE SET national_id = excluded.national_id, family_name = excluded.family_name,
            given_names = excluded.given_names, patronymic = excluded.patronymic, birth_date = excluded.birth_date,
            region = excluded.region
        """;
    private const string UpsertStatus = """
        INSERT INTO status (person_id, in_force, next_change_at, evaluated_at, version) VALUES ($p, $i, $n, $e, $v)
        ON CONFLICT (person_id) DO UPDATE SET in_force = excluded.in_force, next_change_at = excluded.next_change_at,
            evaluated_at = excluded.evaluated_at, version = excluded.version
        """;

    public ValueTask<ChainTip> BeginAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BeginTransaction();
        using var reader = Commands.Get("SELECT seq, hash FROM chain_tip WHERE chain = 'facts'", Transaction).ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1)) : throw new StoreException("sqlite: the chain tip is missing; run `muster audit verify`"));
    }

    public ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> LoadPersonsAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<(long, string)>>(StringComparer.Ordinal);
        foreach (var personId in personIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var reader = Commands.Bind("SELECT seq, content FROM facts WHERE person_id = $p ORDER BY seq", Transaction, personId).ExecuteReader();
            List<(long, string)>? rows = null;
            while (reader.Read())
            {
                (rows ??= []).Add((reader.GetInt64(0), reader.GetString(1)));
            }

            if (rows is not null)
            {
                result[personId] = rows;
            }
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<Dictionary<string, string>> FindFactOwnersAsync(IReadOnlyCollection<string> factIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var factId in factIds)
        {
            if (Commands.Bind("SELECT person_id FROM facts WHERE fact_id = $id", Transaction, factId).ExecuteScalar() is string owner)
            {
                result[factId] = owner;
            }
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<IFactRowSink> OpenFactRowsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IFactRowSink>(new RowSink(Commands.Get(InsertFact, Transaction)));

    /// <summary>
    /// The rows kept until the plan is whole, then inserted by the prepared statement: SQLite's inserts
    /// run on this thread either way, and done last they overlap the evaluator, which starts then.
    /// </summary>
    private sealed class RowSink(SqliteCommand command) : IFactRowSink
    {
        private readonly List<FactRow> _rows = [];

        public void Write(FactRow row) => _rows.Add(row);

        public ValueTask<bool> CompleteAsync(CancellationToken cancellationToken)
        {
            var p = command.Parameters;
            try
            {
                foreach (var row in _rows)
                {
                    p[0].Value = row.Sequence;
                    p[1].Value = row.FactId;
                    p[2].Value = row.PersonId;
                    p[3].Value = row.Type;
                    p[4].Value = row.Content;
                    p[5].Value = row.PreviousHash;
                    p[6].Value = row.Hash;
                    command.ExecuteNonQuery();
                }
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == 2067)
            {
                return ValueTask.FromResult(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public ValueTask WriteProjectionsAsync(IReadOnlyList<PersonProjection> projections, CancellationToken cancellationToken)
    {
        foreach (var x in projections)
        {
            if (x.ReplaceDocuments && x.Registration is { } r)
            {
                Commands.Bind(UpsertPerson, Transaction, x.PersonId, r.NationalId, r.FamilyName, r.GivenNames, r.Patronymic,
                    Core.Serialization.TimeFormats.Format(r.BirthDate), r.Region).ExecuteNonQuery();
            }

            if (x.ReplaceDocuments)
            {
                if (x.HadDocuments)
                {
                    Commands.Bind("DELETE FROM documents WHERE person_id = $p", Transaction, x.PersonId).ExecuteNonQuery();
                }

                foreach (var d in x.Registration?.Documents ?? [])
                {
                    Commands.Bind("INSERT OR IGNORE INTO documents (number, issuing_state, person_id, kind) VALUES ($n, $s, $p, $k)", Transaction,
                        d.Number, d.IssuingState, x.PersonId, d.Kind).ExecuteNonQuery();
                }
            }

            Commands.Bind(UpsertStatus, Transaction, x.PersonId, x.InForce, x.NextChangeAt is { } n ? SqliteCommands.Ticks(n) : null,
                SqliteCommands.Ticks(x.EvaluatedAt), x.Version).ExecuteNonQuery();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    public Rebuild.IProjectionReader Projections => new SqliteProjectionReader(Commands, Transaction ?? throw new InvalidOperationException("no transaction: call BeginAsync first"));

    public ValueTask DeleteProjectionsAsync(Rebuild.PersonRange range, CancellationToken cancellationToken)
    {
        foreach (var table in (ReadOnlySpan<string>)["persons", "documents", "status"])
        {
            Commands.Bind($"DELETE FROM {table} {range.Where("person_id", '$')}", Transaction, range.Values).ExecuteNonQuery();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(ChainTip? newTip, CancellationToken cancellationToken)
    {
        if (newTip is { } tip)
        {
            Commands.Bind("UPDATE chain_tip SET seq = $s, hash = $h WHERE chain = 'facts'", Transaction, tip.Sequence, tip.Hash).ExecuteNonQuery();
        }

        CommitTransaction();
        return ValueTask.CompletedTask;
    }
}
