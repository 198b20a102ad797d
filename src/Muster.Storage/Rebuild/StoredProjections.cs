using NodaTime;

namespace Muster.Storage.Rebuild;

/// <summary>A persons row as stored.</summary>
internal sealed record StoredPerson(string NationalId, string FamilyName, string GivenNames, string? Patronymic, LocalDate BirthDate, string Region);

/// <summary>A documents row as stored (the person id is the key it is filed under).</summary>
internal sealed record StoredDocument(string Number, string IssuingState, string Kind);

/// <summary>The rows of the three projection tables for one range of persons, by person id.</summary>
internal sealed class StoredProjections
{
    public Dictionary<string, StoredPerson> Persons { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<StoredDocument>> Documents { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, StatusProjection> Status { get; } = new(StringComparer.Ordinal);

    public void AddDocument(string personId, StoredDocument document)
    {
        if (!Documents.TryGetValue(personId, out var list))
        {
            Documents[personId] = list = new List<StoredDocument>(1);
        }

        list.Add(document);
    }

    public IEnumerable<string> PersonIds => Persons.Keys.Concat(Documents.Keys).Concat(Status.Keys);
}
