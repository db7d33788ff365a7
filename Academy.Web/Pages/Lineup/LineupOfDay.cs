using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Practice;
using Academy.Web.Data;

namespace Academy.Web.Pages.Lineup;

/// <summary>What a day's line-up goes over, shared by the learner's card and the manager's present mode: the standard
/// of the day with its frame, and the stories told about it.</summary>
/// <param name="Frame">The standard's frame in the reader's language; <c>null</c> when it states none.</param>
public sealed record LineupOfDay(DateOnly Day, Standard? Standard, LineupSource Source, string? Frame, IReadOnlyList<LineupOfDay.Story> Stories)
{
    /// <summary>An idea a colleague put into practice, told as a story.</summary>
    public sealed record Story(int Id, string Text, string Author, string? Department, DateOnly? Since);

    /// <summary>The UTC day of <paramref name="now"/>, the day spaced review counts in too.</summary>
    public static DateOnly DayOf(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The line-up of <paramref name="day"/>. Stories are ideas in practice (by that day), those of
    /// <paramref name="departments"/> first, the most recent first.</summary>
    public static async Task<LineupOfDay> LoadAsync(LineupStoriesCache cache, AcademyDbContext db, PublishedContent content, DateOnly day,
        IReadOnlyCollection<string> departments, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var pick = LineupRules.StandardOf(content.Lineup, [.. content.Standards.Select(s => s.Id)], day);
        var standard = pick is null ? null : content.Standards.First(s => s.Id == pick.StandardId);

        // A learner has one department at most, a manager's team a few: the stories of each (or of none).
        var candidates = new List<Story>();
        string?[] each = departments.Count == 0 ? [null] : [.. departments];
        foreach (var department in each)
            candidates.AddRange(await cache.LatestAsync(db, day, department, cancellationToken));
        var stories = candidates.DistinctBy(r => r.Id)
            .OrderByDescending(s => s.Department is { } d && departments.Contains(d)).ThenByDescending(s => s.Since).ThenByDescending(s => s.Id)
            .Take(LineupStoriesCache.StoryCount);
        return new LineupOfDay(day, standard, pick?.Source ?? LineupSource.Cycle, standard?.FrameIn(language), [.. stories]);
    }
}
