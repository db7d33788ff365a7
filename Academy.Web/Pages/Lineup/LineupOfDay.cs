using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Lineup;

/// <summary>What a day's line-up goes over, shared by the learner's card and the manager's present mode: the standard
/// of the day with its frame, and the stories told about it.</summary>
/// <param name="Frame">The standard's frame in the reader's language; <c>null</c> when it states none.</param>
public sealed record LineupOfDay(DateOnly Day, Standard? Standard, LineupSource Source, string? Frame, IReadOnlyList<LineupOfDay.Story> Stories)
{
    /// <summary>An idea a colleague put into practice, told as a story.</summary>
    public sealed record Story(int Id, string Text, string Author, string? Department, DateOnly? Since);

    private const int StoryCount = 2;

    /// <summary>The UTC day of <paramref name="now"/>, the day spaced review counts in too.</summary>
    public static DateOnly DayOf(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The line-up of <paramref name="day"/>. Stories are ideas in practice (by that day), those of
    /// <paramref name="departments"/> first, the most recent first.</summary>
    public static async Task<LineupOfDay> LoadAsync(AcademyDbContext db, PublishedContent content, DateOnly day, IReadOnlyCollection<string> departments,
        CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var pick = LineupRules.StandardOf(content.Lineup, [.. content.Standards.Select(s => s.Id)], day);
        var standard = pick is null ? null : content.Standards.First(s => s.Id == pick.StandardId);

        // A learner has one department at most, a manager's team a few: one read per department (or one without).
        var rows = new List<StoryRow>();
        string?[] each = departments.Count == 0 ? [null] : [.. departments];
        foreach (var department in each)
            rows.AddRange(await StoriesQuery(db, day, department).ToListAsync(cancellationToken));
        var stories = rows.DistinctBy(r => r.Id).Select(r => new Story(r.Id, r.Text, r.Author, r.Department, r.Since))
            .OrderByDescending(s => s.Department is { } d && departments.Contains(d)).ThenByDescending(s => s.Since).ThenByDescending(s => s.Id).Take(StoryCount);
        return new LineupOfDay(day, standard, pick?.Source ?? LineupSource.Cycle, standard?.FrameIn(language), [.. stories]);
    }

    /// <summary>The latest ideas in practice by <c>day</c>: two of <c>department</c> and two of all. That is enough for the
    /// card's two, its department's first: when the department has fewer than two, the latest of all hold the latest of
    /// the rest. One query of two short reads on the (Status, InPracticeOn) index, compiled once, as every learner's card
    /// runs it. A scalar department and no negated <c>Contains</c> on purpose: with a list of departments, EF could not
    /// cache the SQL (it depends on the list's values) and wrote it again at every run under a lock, a tenth of the card's
    /// time.</summary>
    private static readonly Func<AcademyDbContext, DateOnly, string?, IAsyncEnumerable<StoryRow>> StoriesQuery =
        EF.CompileAsyncQuery((AcademyDbContext db, DateOnly day, string? department) =>
            db.ServiceIdeas.Where(i => i.Status == IdeaStatus.InPractice && i.InPracticeOn <= day && department != null && i.Department == department)
                .OrderByDescending(i => i.InPracticeOn).ThenByDescending(i => i.Id).Take(StoryCount)
                .Select(i => new StoryRow { Id = i.Id, Text = i.Text, Author = i.Author!.FullName, Department = i.Department, Since = i.InPracticeOn })
                .Concat(db.ServiceIdeas.Where(i => i.Status == IdeaStatus.InPractice && i.InPracticeOn <= day)
                    .OrderByDescending(i => i.InPracticeOn).ThenByDescending(i => i.Id).Take(StoryCount)
                    .Select(i => new StoryRow { Id = i.Id, Text = i.Text, Author = i.Author!.FullName, Department = i.Department, Since = i.InPracticeOn })));

    /// <summary>A story as read: a set operation (the Concat) cannot end in a constructor call, only in member assignments.</summary>
    private sealed class StoryRow
    {
        public int Id { get; init; }
        public string Text { get; init; } = "";
        public string Author { get; init; } = "";
        public string? Department { get; init; }
        public DateOnly? Since { get; init; }
    }
}
