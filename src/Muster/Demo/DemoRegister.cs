using System.Globalization;
using Muster.Cli.Portal.Auth;
using Muster.Core.Border;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Storage;
using Muster.Storage.Api;
using Muster.Storage.Portal;
using NodaTime;

namespace Muster.Cli.Demo;

/// <summary>
/// `muster serve --demo`: a fresh SQLite register generated around "now" (the seed article's three
/// cases first, then thousands of people across the time zones with summonses at every stage),
/// imported through the store's bulk import, with the offices and a sign-in for every role.
/// </summary>
public static class DemoRegister
{
    public const string DefaultDb = "sqlite:./data/demo.db";

    public const int DefaultPeople = 5000;

    /// <summary>What the demo holds, for the start-up message.</summary>
    public sealed record Summary(long Facts, int People, string MoscowPassport, LocalDate MoscowBirthDate, string MoscowMrz);

    public static readonly IReadOnlyList<OfficeRecord> Offices =
    [
        new("MOW-07", "RU-MOW", "Военный комиссариат г. Москвы, отдел 7 — Москва, Демонстрационная ул., 7"),
        new("SPE-03", "RU-SPE", "Военный комиссариат Санкт-Петербурга, отдел 3 — Санкт-Петербург, Учебный пер., 3"),
        new("KGD-01", "RU-KGD", "Военный комиссариат Калининградской области, отдел 1 — Калининград, Примерная ул., 1"),
        new("SAM-02", "RU-SAM", "Военный комиссариат Самарской области, отдел 2 — Самара, Образцовая ул., 2"),
        new("SVE-05", "RU-SVE", "Военный комиссариат Свердловской области, отдел 5 — Екатеринбург, Пробная ул., 5"),
        new("OMS-01", "RU-OMS", "Военный комиссариат Омской области, отдел 1 — Омск, Тестовая ул., 1"),
        new("NVS-02", "RU-NVS", "Военный комиссариат Новосибирской области, отдел 2 — Новосибирск, Макетная ул., 2"),
        new("KYA-01", "RU-KYA", "Военный комиссариат Красноярского края, отдел 1 — Красноярск, Показательная ул., 1"),
        new("IRK-01", "RU-IRK", "Военный комиссариат Иркутской области, отдел 1 — Иркутск, Пробная ул., 1"),
        new("SA-01", "RU-SA", "Военный комиссариат Республики Саха (Якутия), отдел 1 — Якутск, Учебная ул., 1"),
        new("PRI-01", "RU-PRI", "Военный комиссариат Приморского края, отдел 1 — Владивосток, Примерная ул., 1"),
        new("SAK-01", "RU-SAK", "Военный комиссариат Сахалинской области, отдел 1 — Южно-Сахалинск, Образцовая ул., 1"),
        new("MAG-01", "RU-MAG", "Военный комиссариат Магаданской области, отдел 1 — Магадан, Тестовая ул., 1"),
        new("KAM-02", "RU-KAM", "Военный комиссариат Камчатского края, отдел 2 — Петропавловск-Камчатский, Макетная ул., 2"),
        new("TA-04", "RU-TA", "Военный комиссариат Республики Татарстан, отдел 4 — Казань, Демонстрационная ул., 4"),
        new("KDA-03", "RU-KDA", "Военный комиссариат Краснодарского края, отдел 3 — Краснодар, Показательная ул., 3"),
    ];

    /// <summary>Creates the demo register in <paramref name="db"/> (an existing SQLite file is replaced).</summary>
    public static async Task<Summary> CreateAsync(string db, IClock clock, PolicySet policies, int people, CancellationToken cancellationToken)
    {
        var (engine, target) = StoreFactory.Parse(db);
        if (engine == "sqlite")
        {
            // The store, and what is kept beside it: the leader's lock, the file notifier's messages, the
            // access journals of earlier demo servers (records of the old register, never to be moved into the new).
            var folder = Path.GetDirectoryName(Path.GetFullPath(target)) ?? ".";
            var notifications = Path.Combine(folder, Path.GetFileNameWithoutExtension(target) + ".notifications.jsonl");
            var journals = Directory.Exists(folder) ? Directory.GetFiles(folder, Path.GetFileName(target) + ".access-*.journal") : [];
            foreach (var file in new[] { target, target + "-wal", target + "-shm", target + ".leader", notifications }.Concat(journals).Where(File.Exists))
            {
                File.Delete(file);
            }
        }

        await StoreFactory.MigrateAsync(db, cancellationToken);
        var now = clock.GetCurrentInstant();
        var facts = DemoPopulation.Generate(people, now, policies);
        await using (var store = await StoreFactory.OpenAsync(db, new StoreOptions(clock, policies), cancellationToken))
        {
            await store.ImportAsync(facts.Select((f, i) => new FactLine(i + 1, f, null)), null, cancellationToken);
        }

        await using (var directory = await RegisterDirectory.OpenAsync(db, cancellationToken))
        {
            foreach (var office in Offices)
            {
                await directory.SaveOfficeAsync(office, cancellationToken);
            }
        }

        await using (var portal = await PortalDirectory.OpenAsync(db, cancellationToken))
        {
            foreach (var a in DemoAccounts.All)
            {
                await portal.SaveUserAsync(new PortalUserRecord(a.Username, Passwords.Hash(a.Username, a.Password), a.Role, a.PersonId, a.Office, a.Name, now, null), cancellationToken);
            }
        }

        var moscow = facts.OfType<PersonRegistered>().First(p => p.PersonId == DemoAccounts.MoscowPerson);
        var passport = moscow.Documents.First(d => d.Kind == IdentityDocument.InternationalPassport);
        return new Summary(facts.Count, people, passport.Number, moscow.BirthDate, Td3(moscow, passport, now));
    }

    /// <summary>The machine-readable zone of a passport (ICAO 9303 TD3), as a border officer would read it.</summary>
    public static string Td3(PersonRegistered person, IdentityDocument passport, Instant now)
    {
        var names = person.LatinName ?? MrzNames.Encode(IcaoTransliteration.ToLatin(person.FamilyName), IcaoTransliteration.ToLatin(person.GivenNames));
        var line1 = ("P<" + passport.IssuingState + names).PadRight(44, '<')[..44];
        var number = passport.Number.PadRight(9, '<')[..9];
        var birth = person.BirthDate.ToString("yyMMdd", CultureInfo.InvariantCulture);
        var expiry = now.InUtc().Date.PlusYears(5).ToString("yyMMdd", CultureInfo.InvariantCulture);
        var personal = new string('<', 14);
        var line2 = number + Digit(number) + passport.IssuingState + birth + Digit(birth) + "M" + expiry + Digit(expiry) + personal + Digit(personal);
        var composite = line2[..10] + line2[13..20] + line2[21..43];
        return line1 + "\n" + line2 + Digit(composite);

        static char Digit(string text) => (char)('0' + MrzCheckDigit.Compute(text));
    }
}
