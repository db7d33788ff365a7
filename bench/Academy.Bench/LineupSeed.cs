using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Bench;

/// <summary>bench/lineup-card.sh's data: gives one learner of a running site 5,000 review items and two years of history
/// (ten reviews an item, a line-up done every working day), so that the card is measured on a long-standing learner.
/// Every published quiz step is an item due today, so the card asks its three questions; the rest are spread over the
/// coming year, as a learner's items are.</summary>
public static class LineupSeed
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        var database = Get("db", "");
        var email = Get("email", "newhire@academy.test");
        var count = int.Parse(Get("items", "5000"));
        var days = int.Parse(Get("days", "730"));
        if (!File.Exists(database)) { Console.Error.WriteLine("--db must name the site's SQLite file"); return 2; }

        var options = new DbContextOptionsBuilder<AcademyDbContext>();
        options.UseAcademySqlite($"Data Source={database}");
        await using var db = new AcademyDbContext(options.Options);
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        await db.ReviewItems.Where(i => i.EmployeeId == id).ExecuteDeleteAsync();
        await db.LineupCompletions.Where(c => c.EmployeeId == id).ExecuteDeleteAsync();
        var content = await PublishedContent.LoadAsync(db, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var random = new Random(12);
        var steps = content.Modules.Values.SelectMany(m => m.Quizzes.SelectMany(q => q.Default.Document.Steps.Where(ReviewRules.IsReviewable)
            .Select(s => (Module: m.Id, Quiz: q.Id, Step: s.Id, Hash: ReviewRules.StepHash(s))))).ToList();
        var items = new List<ReviewItem>();
        for (var i = 0; i < count; i++)
        {
            var real = i < steps.Count;
            var first = now.AddDays(-days + random.Next(days / 2));
            items.Add(new ReviewItem
            {
                EmployeeId = id,
                ModuleId = real ? steps[i].Module : $"retired-{i / 50}",
                QuizId = real ? steps[i].Quiz : "quiz",
                StepId = real ? steps[i].Step : $"step-{i}",
                ContentHash = real ? steps[i].Hash : "0",
                Phase = MemoryPhase.Review, Stability = 30 + random.Next(300), Difficulty = 5, Reps = 10, Lapses = 1,
                LastReview = now.AddDays(-1 - random.Next(60)),
                Due = real ? now.AddDays(-1) : now.AddDays(1 + random.Next(365)),
            });
        }
        db.ReviewItems.AddRange(items);
        await db.SaveChangesAsync();
        foreach (var item in items)
            for (var n = 1; n <= 10; n++)
                db.ReviewLogs.Add(new ReviewLog { ReviewItemId = item.Id, Sequence = n, Choices = "1", Rating = Rating.Good, ReviewedAt = now.AddDays(-days + n * days / 11) });
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        (DateOnly? Day, int Streak) last = (null, 0);
        for (var d = today.AddDays(-days); d < today; d = d.AddDays(1))
            if (LineupRules.DefaultWorkingDays.Contains(d.DayOfWeek))
            {
                last = (d, LineupRules.StreakOn(d, last.Day, last.Streak, LineupRules.DefaultWorkingDays));
                db.LineupCompletions.Add(new LineupCompletion { EmployeeId = id, Day = d, StandardId = "warm-welcome", CompletedAt = now, Streak = last.Streak });
            }
        await db.SaveChangesAsync();
        Console.WriteLine($"{email}: {items.Count} review items ({Math.Min(steps.Count, count)} due today), {items.Count * 10} reviews and "
            + $"{await db.LineupCompletions.CountAsync(c => c.EmployeeId == id)} line-ups over {days} days");
        return 0;
    }
}
