using Academy.Domain.Practice;
using Academy.Domain.Quizzes;
using Academy.Web.Pages.Quizzes;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>A few weeks of life for the demo accounts (Development, <c>Academy:Demo:History</c>), so that someone trying
/// the site sees a line-up with questions, a streak and stories, an ideas board and an indicator with bars. Made once,
/// right after the demo accounts are created and the content is published. Answers go through the quiz player's and
/// the Review page's own code, on a clock set in the past, so that attempts, completions and memory states are what
/// real answers would leave.</summary>
public sealed class DemoHistory(AcademyDbContext db, ContentCatalog catalog, IBackgroundJobClient jobs, TimeProvider clock, ILogger<DemoHistory> logger)
{
    private readonly DateTimeOffset _now = clock.GetUtcNow();
    private Dictionary<string, string?> _departments = [];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Users.Where(u => u.Email!.EndsWith("@academy.test")).Select(u => new { u.Email, u.Id, u.Department }).ToListAsync(cancellationToken);
        var ids = accounts.ToDictionary(a => a.Email!, a => a.Id);
        _departments = accounts.ToDictionary(a => a.Id, a => a.Department);
        string Id(string name) => ids[$"{name}@academy.test"];

        // The older quiz was reviewed once since, so only some of its questions are due again; the recent one is all due.
        await AnswerQuizAsync(Id("newhire"), "en", "guest-preferences", "preferences-check", daysAgo: 9, reviewedDaysAgo: 4, cancellationToken);
        await AnswerQuizAsync(Id("newhire"), "en", "warm-welcome", "late-arrival", daysAgo: 3, reviewedDaysAgo: null, cancellationToken);
        await AnswerQuizAsync(Id("lea"), "fr", "complaint-recovery", "cold-dinner", daysAgo: 8, reviewedDaysAgo: 3, cancellationToken);
        await AnswerQuizAsync(Id("lea"), "fr", "warm-welcome", "late-arrival", daysAgo: 2, reviewedDaysAgo: null, cancellationToken);
        AddLineups(Id("newhire"), days: 4);
        AddLineups(Id("lea"), days: 2);

        var (frontDesk, others) = (Id("manager"), Id("hr"));
        Idea(Id("omar"), IdeaKind.Idea, "right-first-time", 120, "Before submitting a refund, read the amount and the last four digits of the card back to the colleague who asked for it. Since we started, no refund has gone to the wrong card.")
            .Decide(others, IdeaStatus.InPractice, 105);
        Idea(Id("newhire"), IdeaKind.Idea, "warm-welcome", 80, "Print the short list of late arrivals for the night desk at 22:00, so that whoever is on duty can greet each guest by name without searching the system.")
            .Decide(frontDesk, IdeaStatus.Trying, 76).Decide(frontDesk, IdeaStatus.InPractice, 62);
        Idea(Id("nina"), IdeaKind.Idea, "keep-promises", 50, "When a delivery slips, call the customer before the promised slot ends, even without a new time: send the tracking link and say when we will call again.")
            .Decide(others, IdeaStatus.InPractice, 38);
        var tea = Idea(Id("lea"), IdeaKind.Idea, "initiative-within-limits", 30, "Proposer un thé ou une tisane aux clients qui arrivent après minuit, sans attendre qu’ils le demandent.")
            .Decide(frontDesk, IdeaStatus.Trying, 27).Decide(frontDesk, IdeaStatus.InPractice, 12);
        var pillow = Idea(Id("lea"), IdeaKind.Notice, "remember-preferences", 9, "Plusieurs clients de nuit demandent un oreiller plus ferme\u202F: on pourrait le noter comme préférence dès la première demande.")
            .Decide(frontDesk, IdeaStatus.Trying, 6);
        var parcel = Idea(Id("nina"), IdeaKind.Idea, "serve-the-front-line", 20, "Give the front desk read access to the courier's tracking page, so that they can answer \"where is my parcel?\" without calling us.")
            .Decide(others, IdeaStatus.NotNow, 14, "The courier's contract does not allow us to share the account; we will ask for a read-only access when it is renewed in the spring.");
        var handover = Idea(Id("manager"), IdeaKind.Idea, "listen-first", 3, "At the morning handover, the night team names each request still open, so that the day team never makes a customer explain it again.");
        Idea(Id("omar"), IdeaKind.Notice, "own-the-problem", 2, "Customers who call about a double charge often say they already told the front desk: a note on the booking would spare them a second explanation.");
        await db.SaveChangesAsync(cancellationToken);

        db.IdeaEndorsements.AddRange(
            new IdeaEndorsement { IdeaId = tea.Idea.Id, EmployeeId = Id("newhire"), At = _now.AddDays(-29) },
            new IdeaEndorsement { IdeaId = handover.Idea.Id, EmployeeId = Id("newhire"), At = _now.AddDays(-2) },
            new IdeaEndorsement { IdeaId = handover.Idea.Id, EmployeeId = Id("lea"), At = _now.AddDays(-1) },
            new IdeaEndorsement { IdeaId = parcel.Idea.Id, EmployeeId = Id("manager"), At = _now.AddDays(-19) });
        db.IdeaComments.Add(new IdeaComment
        {
            IdeaId = pillow.Idea.Id, AuthorId = frontDesk, PostedAt = _now.AddDays(-6),
            Text = "Housekeeping keeps a few firm pillows on each floor: let's try it on the third floor first and see how often it is asked for.",
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created the demo history: answered quizzes, line-ups and ideas");
    }

    /// <summary>The learner reads the module and plays the quiz on its best path <paramref name="daysAgo"/> days ago,
    /// then, if <paramref name="reviewedDaysAgo"/> is set, answers each of its questions again on the Review page.</summary>
    private async Task AnswerQuizAsync(string employeeId, string language, string moduleId, string quizId, int daysAgo, int? reviewedDaysAgo,
        CancellationToken cancellationToken)
    {
        var module = catalog.Current.Module(moduleId) ?? throw new InvalidOperationException($"Demo history: module {moduleId} is not published.");
        var past = new PastClock { Now = _now.AddDays(-daysAgo).AddMinutes(-40) };
        for (var lesson = 1; lesson <= module.Default.Lessons.Count; lesson++)
            await LearnerProgress.RecordReadingAsync(db, employeeId, module, lesson, past.Now.AddMinutes(lesson * 3), cancellationToken);

        past.Now = _now.AddDays(-daysAgo);
        var attempts = new QuizAttempts(db, catalog, past, jobs);
        var attemptId = await attempts.StartOrResumeAsync(employeeId, module, module.Quiz(quizId)!, language, cancellationToken);
        while (await attempts.LoadAsync(attemptId, employeeId, cancellationToken) is { Path: { Finished: false, StepId: { } stepId } } view)
        {
            past.Now = past.Now.AddMinutes(1);
            await attempts.AnswerAsync(view, new Answer(stepId, BestPicks(view.Quiz.Step(stepId)!)), cancellationToken);
        }

        if (reviewedDaysAgo is not { } days) return;
        var reviewedAt = _now.AddDays(-days);
        foreach (var item in await db.ReviewItems.AsNoTracking().Where(i => i.EmployeeId == employeeId && i.ModuleId == moduleId && i.QuizId == quizId).ToListAsync(cancellationToken))
        {
            var step = catalog.Current.Module(moduleId)!.Quiz(quizId)!.Default.Document.Step(item.StepId)!;
            await ReviewItems.AnswerAsync(db, catalog.Current, employeeId, item.Id, item.Reps, BestPicks(step), reviewedAt, cancellationToken);
        }
    }

    /// <summary>What a learner who knows the standard picks: every right choice, or the best weighted one.</summary>
    private static int[] BestPicks(QuizStep step) => step.IsWeighted
        ? [step.Choices.MaxBy(c => c.Mark.Weight)!.Number]
        : [.. step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number)];

    /// <summary>The learner's line-up done on each of the last <paramref name="days"/> working days before today, with
    /// the streak each day made, as the card would have recorded them.</summary>
    private void AddLineups(string employeeId, int days)
    {
        var content = catalog.Current;
        var workingDays = LineupRules.WorkingDaysOf(content.Lineup);
        var today = DateOnly.FromDateTime(_now.UtcDateTime);
        var done = new List<DateOnly>();
        for (var day = today.AddDays(-1); done.Count < days; day = day.AddDays(-1))
            if (workingDays.Contains(day.DayOfWeek)) done.Insert(0, day);
        (DateOnly? Day, int Streak) last = (null, 0);
        foreach (var day in done)
        {
            last = (day, LineupRules.StreakOn(day, last.Day, last.Streak, workingDays));
            var standard = LineupRules.StandardOf(content.Lineup, [.. content.Standards.Select(s => s.Id)], day)?.StandardId ?? "";
            db.LineupCompletions.Add(new LineupCompletion
            {
                EmployeeId = employeeId, Day = day, StandardId = standard, Streak = last.Streak,
                CompletedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 50)), TimeSpan.Zero),
            });
        }
    }

    private PostedIdea Idea(string authorId, IdeaKind kind, string standardId, int daysAgo, string text)
    {
        var postedAt = _now.AddDays(-daysAgo);
        var (hash, slot, shiftedSlot) = IdeaRules.DoublePostKey(text, postedAt);
        var idea = new ServiceIdea
        {
            AuthorId = authorId, Kind = kind, StandardId = standardId, Text = IdeaRules.Normalise(text), PostedAt = postedAt,
            TextHash = hash, PostedSlot = slot, PostedShiftedSlot = shiftedSlot,
            Department = _departments[authorId],
        };
        db.ServiceIdeas.Add(idea);
        return new PostedIdea(idea, _now);
    }

    /// <summary>An idea being posted, moved on by a decider as the ideas board would.</summary>
    private sealed record PostedIdea(ServiceIdea Idea, DateTimeOffset Now)
    {
        public PostedIdea Decide(string deciderId, IdeaStatus to, int daysAgo, string? reason = null)
        {
            if (Idea.MoveTo(to, reason, deciderId, mayDecide: true, Now.AddDays(-daysAgo)) is { } problem)
                throw new InvalidOperationException($"Demo history: idea cannot move to {to}: {problem}");
            return this;
        }
    }

    /// <summary>The quiz player's clock, set to when the demo learner played.</summary>
    private sealed class PastClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
