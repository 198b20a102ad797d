using Muster.Storage.Audit;
using Muster.Storage.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Muster.Storage.Postgres;

/// <summary>
/// Writes on one pooled connection. Every transaction starts by locking the single chain-tip row
/// (SELECT ... FOR UPDATE), which serializes all appenders and importers of the country; facts go in
/// by binary COPY, projections by set-based upserts over arrays.
/// </summary>
internal sealed class PostgresWriteSession(NpgsqlConnection connection) : PostgresSession(connection), IWriteSession
{
    public async ValueTask<ChainTip> BeginAsync(CancellationToken cancellationToken)
    {
        await BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT seq, hash FROM chain_tip WHERE chain = 'facts' FOR UPDATE", Connection, Transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1))
            : throw new StoreException("postgres: the chain tip is missing; run `muster audit verify`");
    }

    public async ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> LoadPersonsAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT person_id, seq, content FROM facts WHERE person_id = ANY(@ids) ORDER BY person_id, seq", Connection, Transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", personIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await PersonRows.ReadAsync(reader, cancellationToken);
    }

    public async ValueTask<Dictionary<string, string>> FindFactOwnersAsync(IReadOnlyCollection<string> factIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT fact_id, person_id FROM facts WHERE fact_id = ANY(@ids)", Connection, Transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", factIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    public async ValueTask<IFactRowSink> OpenFactRowsAsync(CancellationToken cancellationToken) =>
        new RowSink(await Connection.BeginBinaryImportAsync(
            "COPY facts (seq, fact_id, person_id, type, content, prev_hash, hash) FROM STDIN (FORMAT BINARY)", cancellationToken));

    /// <summary>One binary COPY for the batch: rows go to the server as the importer's buffer fills, while the rest are planned.</summary>
    private sealed class RowSink(NpgsqlBinaryImporter copy) : IFactRowSink
    {
        /// <summary>Synchronous on purpose: the importer buffers and flushes by itself; an await per field costs more than the COPY.</summary>
        public void Write(FactRow row)
        {
            copy.StartRow();
            copy.Write(row.Sequence, NpgsqlDbType.Bigint);
            copy.Write(row.FactId, NpgsqlDbType.Text);
            copy.Write(row.PersonId, NpgsqlDbType.Text);
            copy.Write(row.Type, NpgsqlDbType.Text);
            copy.Write(row.Content, NpgsqlDbType.Text);
            copy.Write(row.PreviousHash, NpgsqlDbType.Bytea);
            copy.Write(row.Hash, NpgsqlDbType.Bytea);
        }

        public async ValueTask<bool> CompleteAsync(CancellationToken cancellationToken)
        {
            try
            {
                await copy.CompleteAsync(cancellationToken);
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "facts_fact_id")
            {
                return false;
            }
        }

        public ValueTask DisposeAsync() => copy.DisposeAsync();
    }

    /// <summary>From this many persons seen for the first time on, their rows go in by COPY (an import's batches); fewer go with the others.</summary>
    private const int CopyFirstProjections = 100;

    public async ValueTask WriteProjectionsAsync(IReadOnlyList<PersonProjection> projections, CancellationToken cancellationToken)
    {
        if (projections.Count >= CopyFirstProjections)
        {
            var first = projections.Where(p => p.First).ToList();
            if (first.Count >= CopyFirstProjections)
            {
                await PostgresFirstProjections.CopyAsync(Connection, first, cancellationToken);
                projections = [.. projections.Where(p => !p.First)];
            }
        }

        if (projections.Count == 0)
        {
            return;
        }

        var persons = projections.Where(p => p.ReplaceDocuments && p.Registration is not null).ToList();
        if (persons.Count > 0)
        {
            await using var command = new NpgsqlCommand("""
            INSERT INTO persons (person_id, national_id, family_name, given_names, patronymic, birth_date, region)
            SELECT * FROM unnest(@p, @n, @f, @g, @pa, @b, @r)
            ON CONFLICT (person_id) DO UPDATE SET national_id = excluded.national_id, family_name = excluded.family_name,
                given_names = excluded.given_names, patronymic = excluded.patronymic, birth_date = excluded.birth_date,
                region = excluded.region
            """, Connection, Transaction);
            command.Parameters.Add(new NpgsqlParameter<string[]>("p", [.. persons.Select(x => x.PersonId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("n", [.. persons.Select(x => x.Registration!.NationalId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("f", [.. persons.Select(x => x.Registration!.FamilyName)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("g", [.. persons.Select(x => x.Registration!.GivenNames)]));
            command.Parameters.Add(new NpgsqlParameter<string?[]>("pa", [.. persons.Select(x => x.Registration!.Patronymic)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("b", [.. persons.Select(x => x.Registration!.BirthDate.ToDateOnly())]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("r", [.. persons.Select(x => x.Registration!.Region)]));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var replaced = projections.Where(p => p.ReplaceDocuments).ToList();
        var stale = replaced.Where(p => p.HadDocuments).Select(p => p.PersonId).ToArray();
        if (stale.Length > 0)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM documents WHERE person_id = ANY(@p)", Connection, Transaction);
            delete.Parameters.Add(new NpgsqlParameter<string[]>("p", stale));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var documents = replaced
            .SelectMany(p => (p.Registration?.Documents ?? []).Select(d => (p.PersonId, d)))
            .DistinctBy(x => (x.d.Number, x.d.IssuingState, x.PersonId))
            .ToList();
        if (documents.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO documents (number, issuing_state, person_id, kind) SELECT * FROM unnest(@n, @s, @p, @k) ON CONFLICT DO NOTHING", Connection, Transaction);
            insert.Parameters.Add(new NpgsqlParameter<string[]>("n", [.. documents.Select(x => x.d.Number)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("s", [.. documents.Select(x => x.d.IssuingState)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("p", [.. documents.Select(x => x.PersonId)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("k", [.. documents.Select(x => x.d.Kind)]));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var status = new NpgsqlCommand("""
            INSERT INTO status (person_id, in_force, next_change_at, evaluated_at, version)
            SELECT * FROM unnest(@p, @i, @n, @e, @v)
            ON CONFLICT (person_id) DO UPDATE SET in_force = excluded.in_force, next_change_at = excluded.next_change_at,
                evaluated_at = excluded.evaluated_at, version = excluded.version
            """, Connection, Transaction))
        {
            status.Parameters.Add(new NpgsqlParameter<string[]>("p", [.. projections.Select(x => x.PersonId)]));
            status.Parameters.Add(new NpgsqlParameter<string[]>("i", [.. projections.Select(x => x.InForce)]));
            status.Parameters.Add(new NpgsqlParameter<DateTime?[]>("n", [.. projections.Select(x => x.NextChangeAt?.ToDateTimeUtc())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            status.Parameters.Add(new NpgsqlParameter<DateTime[]>("e", [.. projections.Select(x => x.EvaluatedAt.ToDateTimeUtc())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            status.Parameters.Add(new NpgsqlParameter<long[]>("v", [.. projections.Select(x => x.Version)]));
            await status.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Rebuild.IProjectionReader Projections => new PostgresProjectionReader(Connection, Transaction ?? throw new InvalidOperationException("no transaction: call BeginAsync first"));

    public async ValueTask DeleteProjectionsAsync(Rebuild.PersonRange range, CancellationToken cancellationToken)
    {
        var where = range.Where("person_id", '@');
        await using var command = PostgresProjectionReader.Command(Connection, Transaction!, $"DELETE FROM persons {where}; DELETE FROM documents {where}; DELETE FROM status {where};", range);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask CommitAsync(ChainTip? newTip, CancellationToken cancellationToken)
    {
        if (newTip is { } tip)
        {
            await using var command = new NpgsqlCommand("UPDATE chain_tip SET seq = @s, hash = @h WHERE chain = 'facts'", Connection, Transaction);
            command.Parameters.Add(new NpgsqlParameter<long>("s", tip.Sequence));
            command.Parameters.Add(new NpgsqlParameter<byte[]>("h", tip.Hash));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await CommitTransactionAsync(cancellationToken);
    }
}
