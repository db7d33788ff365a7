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

        var inPractice = db.ServiceIdeas.AsNoTracking().Where(i => i.Status == IdeaStatus.InPractice && i.InPracticeOn <= day);
        // Two small queries on the (Status, InPracticeOn) index rather than one that sorts every idea by department.
        var stories = departments.Count == 0 ? [] : await StoriesOf(inPractice.Where(i => i.Department != null && departments.Contains(i.Department)), cancellationToken);
        if (stories.Count < StoryCount)
            stories.AddRange(await StoriesOf(inPractice.Where(i => i.Department == null || !departments.Contains(i.Department)), cancellationToken));
        return new LineupOfDay(day, standard, pick?.Source ?? LineupSource.Cycle, standard?.FrameIn(language), [.. stories.Take(StoryCount)]);
    }

    private static Task<List<Story>> StoriesOf(IQueryable<ServiceIdea> ideas, CancellationToken cancellationToken) =>
        ideas.OrderByDescending(i => i.InPracticeOn).ThenByDescending(i => i.Id).Take(StoryCount)
            .Select(i => new Story(i.Id, i.Text, i.Author!.FullName, i.Department, i.InPracticeOn)).ToListAsync(cancellationToken);
}
