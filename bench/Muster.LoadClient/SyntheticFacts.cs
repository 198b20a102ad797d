using System.Globalization;

namespace Muster.LoadClient;

/// <summary>
/// A synthetic register for the load test: COUNT persons in RU-MOW, each with an international
/// passport 9xxxxxxxx; every second one has a summons placed on 1 March 2026 (so an exit ban).
/// </summary>
public static class SyntheticFacts
{
    public static string Document(int i) => "9" + i.ToString("D8", CultureInfo.InvariantCulture);

    public static int Write(string path, int count)
    {
        using var writer = new StreamWriter(path);
        for (var i = 0; i < count; i++)
        {
            var id = "p-bench-" + i.ToString(CultureInfo.InvariantCulture);
            writer.WriteLine($$"""{"type":"person.registered","id":"f-{{id}}-1","personId":"{{id}}","occurredAt":"2025-09-01T08:00:00Z","nationalId":"{{(4_500_000_000L + i).ToString(CultureInfo.InvariantCulture)}}","familyName":"Иванов","givenNames":"Иван","birthDate":"1998-01-30","region":"RU-MOW","documents":[{"kind":"international_passport","number":"{{Document(i)}}","issuingState":"RUS"}]}""");
            if (i % 2 == 0)
            {
                writer.WriteLine($$"""{"type":"summons.placed","id":"f-{{id}}-2","personId":"{{id}}","occurredAt":"2026-03-01T09:00:00Z","summonsId":"s-{{id}}","office":"MOW-07","appearanceAt":"2026-03-10T10:00"}""");
            }
        }

        return 0;
    }
}
