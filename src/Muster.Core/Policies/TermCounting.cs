namespace Muster.Core.Policies;

/// <summary>How a legal term is counted from its anchor. The names are those used in policy files.</summary>
public enum TermCounting
{
    /// <summary>"immediate": effect at the anchor instant itself.</summary>
    Immediate,

    /// <summary>"elapsed": effect after an exact duration (hours) from the anchor instant.</summary>
    Elapsed,

    /// <summary>"start_of_day": effect at 00:00 local time on the anchor's local date + N days.</summary>
    StartOfDay,

    /// <summary>
    /// "calendar_days": a term of N calendar days that begins the day after the anchor date
    /// (Civil Code art. 191) and ends with its last day; the effect starts at 00:00 local time on the
    /// next day, i.e. the anchor date + N + 1.
    /// </summary>
    CalendarDays,
}
