using Muster.Storage.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Muster.Storage.Postgres;

/// <summary>
/// The projection rows of persons who have none yet, by binary COPY: an import's batches are mostly
/// new persons, and an upsert over arrays costs PostgreSQL several times a COPY of the same rows (it
/// must look for a row to replace first). Nothing can be there to replace: a person's rows are written
/// with their facts, under the chain lock the caller holds. Were one there all the same, the COPY fails
/// on the primary key and the whole transaction with it; nothing is half-written.
/// </summary>
internal static class PostgresFirstProjections
{
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<PersonProjection> first, CancellationToken cancellationToken)
    {
        await using (var persons = await connection.BeginBinaryImportAsync(
            "COPY persons (person_id, national_id, family_name, given_names, patronymic, birth_date, region) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            WritePersons(persons, first);
            await persons.CompleteAsync(cancellationToken);
        }

        await using (var documents = await connection.BeginBinaryImportAsync(
            "COPY documents (number, issuing_state, person_id, kind) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            WriteDocuments(documents, first);
            await documents.CompleteAsync(cancellationToken);
        }

        await using (var status = await connection.BeginBinaryImportAsync(
            "COPY status (person_id, in_force, next_change_at, evaluated_at, version) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            WriteStatus(status, first);
            await status.CompleteAsync(cancellationToken);
        }
    }

    // Synchronous on purpose, as PostgresWriteSession's rows: the importer buffers and flushes by itself.
    private static void WritePersons(NpgsqlBinaryImporter copy, IReadOnlyList<PersonProjection> first)
    {
        foreach (var p in first)
        {
            if (p.Registration is not { } r)
            {
                continue;
            }

            copy.StartRow();
            copy.Write(p.PersonId, NpgsqlDbType.Text);
            copy.Write(r.NationalId, NpgsqlDbType.Text);
            copy.Write(r.FamilyName, NpgsqlDbType.Text);
            copy.Write(r.GivenNames, NpgsqlDbType.Text);
            if (r.Patronymic is { } patronymic)
            {
                copy.Write(patronymic, NpgsqlDbType.Text);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(r.BirthDate.ToDateOnly(), NpgsqlDbType.Date);
            copy.Write(r.Region, NpgsqlDbType.Text);
        }
    }

    private static void WriteDocuments(NpgsqlBinaryImporter copy, IReadOnlyList<PersonProjection> first)
    {
        foreach (var p in first)
        {
            // A registration may list the same document twice; the table keeps it once.
            foreach (var d in (p.Registration?.Documents ?? []).DistinctBy(d => (d.Number, d.IssuingState)))
            {
                copy.StartRow();
                copy.Write(d.Number, NpgsqlDbType.Text);
                copy.Write(d.IssuingState, NpgsqlDbType.Text);
                copy.Write(p.PersonId, NpgsqlDbType.Text);
                copy.Write(d.Kind, NpgsqlDbType.Text);
            }
        }
    }

    private static void WriteStatus(NpgsqlBinaryImporter copy, IReadOnlyList<PersonProjection> first)
    {
        foreach (var p in first)
        {
            copy.StartRow();
            copy.Write(p.PersonId, NpgsqlDbType.Text);
            copy.Write(p.InForce, NpgsqlDbType.Text);
            if (p.NextChangeAt is { } next)
            {
                copy.Write(next.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(p.EvaluatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            copy.Write(p.Version, NpgsqlDbType.Bigint);
        }
    }
}
