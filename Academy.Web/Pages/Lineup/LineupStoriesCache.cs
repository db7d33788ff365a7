using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Academy.Web.Pages.Lineup;

/// <summary>The latest stories of a department on a day, the same for all its learners all day: read at most once a
/// minute per department rather than at every card (the read was a tenth of the card's time under load). An idea moved
/// on this site (put in practice, or out) makes the next card read them again; a move made on another node, or a name
/// changed, shows within <see cref="Fresh"/>. A new day is a new key.</summary>
public sealed class LineupStoriesCache(IMemoryCache cache)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    public const int StoryCount = 2;

    private long _generation;

    /// <summary>An idea moved: every cached story list is read again.</summary>
    public void IdeasChanged() => Interlocked.Increment(ref _generation);

    /// <summary>The latest ideas in practice by <paramref name="day"/>: two of <paramref name="department"/> and two of
    /// all, the most recent first.</summary>
    public async Task<IReadOnlyList<LineupOfDay.Story>> LatestAsync(AcademyDbContext db, DateOnly day, string? department, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync((nameof(LineupStoriesCache), Interlocked.Read(ref _generation), day, department), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Fresh;
            var rows = await StoriesQuery(db, day, department).ToListAsync(cancellationToken);
            return rows.Select(r => new LineupOfDay.Story(r.Id, r.Text, r.Author, r.Department, r.Since)).ToList();
        }))!;

    /// <summary>Two of <c>department</c> and two of all: enough for the card's two, its department's first, since when the
    /// department has fewer than two, the latest of all hold the latest of the rest. One query of two short reads on the
    /// (Status, InPracticeOn) index, compiled once. A scalar department and no negated <c>Contains</c> on purpose: with a
    /// list of departments, EF could not cache the SQL (it depends on the list's values) and wrote it again at every run
    /// under a lock.</summary>
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
