using System.Globalization;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Lineup;

/// <summary>The learner's daily line-up card: the standard of the day and its frame, colleagues' stories, three review
/// items answered in place, and "done for today" with a streak. Under two minutes, one-handed on a phone.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, LineupStoriesCache stories, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public LineupOfDay Lineup { get; private set; } = null!;

    /// <summary>The next review item of today's three; <c>null</c> once they are answered or when none is due.</summary>
    public DueItem? Question { get; private set; }

    /// <summary>Review items answered today, on the card or on the Review page.</summary>
    public int Answered { get; private set; }

    /// <summary>How many the card asks today: three, or fewer when fewer are due.</summary>
    public int QuestionCount { get; private set; }
    public ReviewFeedback? Feedback { get; private set; }
    public bool Done { get; private set; }
    public int Streak { get; private set; }
    public int ThisMonth { get; private set; }

    [TempData] public string? Problem { get; set; }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(int? answered, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var content = catalog.Current;
        var now = clock.GetUtcNow();
        var today = LineupOfDay.DayOf(now);
        var dayStart = LineupOfDay.StartOf(today);
        // One connection for the card's reads and the layout's, instead of an open (a pooled handle, SQLite's pragmas)
        // for each: EF keeps a connection opened here until the request's context is disposed.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var head = await HeadQuery(db, me, dayStart, today, new DateOnly(today.Year, today.Month, 1)) ?? new Head(null, 0, null, 0, 0);
        Lineup = await LineupOfDay.LoadAsync(stories, db, content, today, head.Department is { } department ? [department] : [], cancellationToken);

        Answered = head.Answered;
        var left = Math.Max(0, LineupRules.ReviewsPerDay - Answered);
        var due = left == 0 ? [] : await ReviewItems.DueTodayAsync(db, content, me, Language, now, left, cancellationToken, notReviewedSince: dayStart);
        Question = due.FirstOrDefault();
        QuestionCount = Math.Min(LineupRules.ReviewsPerDay, Answered + due.Count);
        if (answered is { } itemId) Feedback = await ReviewItems.FeedbackAsync(db, content, me, itemId, Language, cancellationToken);

        Done = head.LastDay == today;
        Streak = LineupRules.StreakToday(head.LastDay, head.LastStreak, today, LineupRules.WorkingDaysOf(content.Lineup));
        ThisMonth = head.ThisMonth;
    }

    private sealed record Head(string? Department, int Answered, DateOnly? LastDay, int LastStreak, int ThisMonth);

    /// <summary>Everything the card shows about the learner, in one query, compiled once: the card is opened every day by
    /// everyone. Each part is a short read on an index (today's reviews, the last line-up done, this month's), whatever
    /// the length of the learner's history.</summary>
    private static readonly Func<AcademyDbContext, string, DateTimeOffset, DateOnly, DateOnly, Task<Head?>> HeadQuery =
        EF.CompileAsyncQuery((AcademyDbContext db, string me, DateTimeOffset dayStart, DateOnly today, DateOnly monthStart) =>
            db.Users.Where(u => u.Id == me).Select(u => new Head(
                u.Department,
                db.ReviewItems.Count(i => i.EmployeeId == me && i.LastReview >= dayStart),
                db.LineupCompletions.Where(c => c.EmployeeId == me && c.Day <= today).OrderByDescending(c => c.Day).Select(c => (DateOnly?)c.Day).FirstOrDefault(),
                db.LineupCompletions.Where(c => c.EmployeeId == me && c.Day <= today).OrderByDescending(c => c.Day).Select(c => c.Streak).FirstOrDefault(),
                db.LineupCompletions.Count(c => c.EmployeeId == me && c.Day >= monthStart && c.Day <= today)))
            .FirstOrDefault());

    /// <summary>A review answer given on the card; idempotent like the Review page's.</summary>
    public async Task<IActionResult> OnPostAsync(int itemId, int reps, int[] picks, CancellationToken cancellationToken)
    {
        var result = await ReviewItems.AnswerAsync(db, catalog.Current, User.EmployeeId(), itemId, reps, picks, clock.GetUtcNow(), cancellationToken);
        if (result == ReviewAnswer.Accepted) return RedirectToPage("/Lineup/Index", null, new { answered = itemId }, "review");
        Problem = result switch
        {
            ReviewAnswer.NoChoice => t["Pick an answer before you go on."],
            ReviewAnswer.InvalidChoice => t["That answer is not one of the choices: pick again."],
            _ => t["This question is no longer in review: here is what is due."],
        };
        return RedirectToPage("/Lineup/Index", null, null, "review");
    }

    /// <summary>Marks today's line-up done, once whatever the number of presses.</summary>
    public async Task<IActionResult> OnPostDoneAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var content = catalog.Current;
        var now = clock.GetUtcNow();
        var today = LineupOfDay.DayOf(now);
        var last = await db.LineupCompletions.AsNoTracking().Where(c => c.EmployeeId == me && c.Day <= today).OrderByDescending(c => c.Day)
            .Select(c => new { c.Day, c.Streak }).FirstOrDefaultAsync(cancellationToken);
        if (last?.Day != today)
        {
            var standard = LineupRules.StandardOf(content.Lineup, [.. content.Standards.Select(s => s.Id)], today)?.StandardId ?? "";
            var streak = LineupRules.StreakOn(today, last?.Day, last?.Streak ?? 0, LineupRules.WorkingDaysOf(content.Lineup));
            db.LineupCompletions.Add(new LineupCompletion { EmployeeId = me, Day = today, StandardId = standard, CompletedAt = now, Streak = streak });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueConflict())
            {
                // A second press that raced the first: the day is done once.
            }
        }
        return RedirectToPage("/Lineup/Index", null, null, "done");
    }
}
