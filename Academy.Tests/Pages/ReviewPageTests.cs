using System.Net;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Spaced review on the site, on a clock the tests move: answers in quizzes become review items, the Review
/// page brings them back, wrong ones sooner.</summary>
[Collection(HostCollection.Name)]
public sealed class ReviewPageTests(ReviewPageTests.Site fixture) : IClassFixture<ReviewPageTests.Site>
{
    /// <summary>One site on a fake clock for the class; each test has its own learners and reads dates relative to the clock.</summary>
    public sealed class Site : IDisposable
    {
        public ClockFactory Host { get; } = new();

        public void Dispose() => Host.Dispose();
    }

    private readonly ClockFactory site = fixture.Host;

    private const string Module = "refunds";
    private const string QuizId = "refund-rules";

    [Fact]
    public async Task WrongAnswer_ComesBackSoonerAndMoreOften_ThanRightOnes_OverThirtyDays()
    {
        var (client, employeeId) = await NewLearnerAsync();
        var wrongStep = (await TakeQuizAsync(client, wrongOnFirst: true))!;
        var seen = new Dictionary<string, List<int>>();

        for (var day = 1; day <= 30; day++)
        {
            site.Clock.Advance(TimeSpan.FromDays(1));
            foreach (var stepId in await ReviewEverythingDueAsync(client, employeeId))
                (seen.TryGetValue(stepId, out var days) ? days : seen[stepId] = []).Add(day);
        }

        Assert.Equal(4, await ItemCountAsync(employeeId));
        Assert.Equal(1, seen[wrongStep][0]);
        var rightSteps = seen.Keys.Where(k => k != wrongStep).ToList();
        Assert.Equal(3, rightSteps.Count);
        Assert.All(rightSteps, s => Assert.Equal(2, seen[s][0]));
        Assert.All(rightSteps, s => Assert.True(seen[wrongStep].Count > seen[s].Count,
            $"The wrong answer came back {seen[wrongStep].Count} times, '{s}' {seen[s].Count} times."));
    }

    [Fact]
    public async Task DoubledAnswer_CountsOnce_AndTheFeedbackShowsTheNextReview()
    {
        var (client, employeeId) = await NewLearnerAsync();
        await TakeQuizAsync(client, wrongOnFirst: true);
        site.Clock.Advance(TimeSpan.FromDays(1));
        var page = await client.GetDocumentAsync("/review");
        var (itemId, reps, step) = await FormAsync(page);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = await PostAnswerAsync(client, token, itemId, reps, RightPicks(step));
        var second = await PostAnswerAsync(client, token, itemId, reps, WrongPicks(step));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        Assert.Equal(1, await db.ReviewLogs.CountAsync(l => l.ReviewItemId == itemId));
        var item = await db.ReviewItems.SingleAsync(i => i.Id == itemId);
        Assert.Equal(reps + 1, item.Reps);
        Assert.True(item.Due > site.Clock.GetUtcNow().AddHours(12), "A right answer is not due again the same day.");
        var feedback = await client.GetDocumentAsync(first.Headers.Location!.OriginalString);
        Assert.Equal(step.Title, feedback.QuerySelector("#feedback-title")!.TextContent);
        Assert.Contains(item.Due.ToString("d MMMM yyyy"), feedback.QuerySelector("#next-due")!.TextContent);
    }

    [Fact]
    public async Task AnotherLearnersItem_CannotBeAnsweredOrSeen()
    {
        var (owner, ownerId) = await NewLearnerAsync();
        await TakeQuizAsync(owner, wrongOnFirst: true);
        var (other, _) = await NewLearnerAsync();
        site.Clock.Advance(TimeSpan.FromDays(1));
        var (itemId, reps, step) = await FormAsync(await owner.GetDocumentAsync("/review"));
        var token = await HttpClientForms.AntiforgeryTokenAsync(other, "/review");

        var response = await PostAnswerAsync(other, token, itemId, reps, RightPicks(step));

        Assert.Equal("/review", response.Headers.Location!.OriginalString);
        Assert.Null((await other.GetDocumentAsync($"/review?answered={itemId}")).QuerySelector("#feedback-title"));
        using var scope = site.Services.CreateScope();
        Assert.Equal(reps, (await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewItems.SingleAsync(i => i.Id == itemId)).Reps);
        Assert.Equal(4, await ItemCountAsync(ownerId));
    }

    [Fact]
    public async Task NewQuizVersion_RequeuesAChangedStepAtOnce_AndRetiresARemovedOne()
    {
        var (client, employeeId) = await NewLearnerAsync();
        await TakeQuizAsync(client, wrongOnFirst: false);
        Assert.Contains("0 questions due today", (await client.GetDocumentAsync("/review")).QuerySelector("#due-count")!.TextContent);
        List<string> stepIds;
        using (var scope = site.Services.CreateScope())
            stepIds = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewItems
                .Where(i => i.EmployeeId == employeeId).OrderBy(i => i.Id).Select(i => i.StepId).ToListAsync();
        var (changed, removed) = (stepIds[0], stepIds[1]);

        var path = $"modules/{Module}/{QuizId}.quiz.md";
        var sections = (await PublishedTextAsync(path)).Split("\n## ").ToList();
        var changedAt = sections.FindIndex(s => s.Contains($"{{#{changed}}}"));
        sections[changedAt] = sections[changedAt].Replace("\n\n- ", "\n\nThe situation has changed since you last saw it.\n\n- ");
        sections.RemoveAll(s => s.Contains($"{{#{removed}}}"));
        using (var scope = site.Services.CreateScope())
        {
            var (result, number) = await scope.ServiceProvider.GetRequiredService<ContentImporter>()
                .PublishAsync(path, string.Join("\n## ", sections), "trainer@academy.test", CancellationToken.None);
            Assert.True(result.Ok, string.Join("; ", result.Errors));
            Assert.NotNull(number);
        }

        using (var scope = site.Services.CreateScope())
        {
            var items = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewItems.AsNoTracking()
                .Where(i => i.EmployeeId == employeeId).ToDictionaryAsync(i => i.StepId);
            Assert.Equal(site.Clock.GetUtcNow(), items[changed].Due);
            Assert.Null(items[changed].Stability);
            Assert.NotNull(items[removed].RetiredAt);
            Assert.All(items.Values.Where(i => i.StepId != changed && i.StepId != removed), i => Assert.True(i.Due > site.Clock.GetUtcNow()));
        }
        var page = await client.GetDocumentAsync("/review");
        Assert.Contains("1 question due today", page.QuerySelector("#due-count")!.TextContent);
        Assert.Contains("The situation has changed since you last saw it.", page.QuerySelector("form.quiz")!.TextContent);
    }

    private PublishedContent Content => site.Services.GetRequiredService<ContentCatalog>().Current;

    private QuizDocument Quiz => Content.Module(Module)!.Quiz(QuizId)!.Default.Document;

    private async Task<string> PublishedTextAsync(string path)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return await db.ContentVersions.Where(v => v.ContentFile!.Path == path).OrderByDescending(v => v.Number).Select(v => v.Markdown).FirstAsync();
    }

    private async Task<(HttpClient Client, string EmployeeId)> NewLearnerAsync()
    {
        var email = $"review-{Guid.NewGuid():N}@academy.test";
        string id;
        using (var scope = site.Services.CreateScope())
        {
            var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Review Learner", PreferredLanguage = "en" };
            await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().CreateAsync(employee, AcademyFactory.Password);
            id = employee.Id;
        }
        return (await site.SignInAsync(email), id);
    }

    /// <summary>Plays the quiz to the end, every answer right except the first when <paramref name="wrongOnFirst"/>;
    /// returns the step answered wrongly.</summary>
    private async Task<string?> TakeQuizAsync(HttpClient client, bool wrongOnFirst)
    {
        var start = await client.PostFormAsync($"/modules/{Module}/quizzes/{QuizId}", []);
        var attempt = start.Headers.Location!.OriginalString;
        string? wrong = null;
        while ((await client.GetDocumentAsync(attempt)).QuerySelector("input[name=stepId]")?.GetAttribute("value") is { } stepId)
        {
            var step = Quiz.Step(stepId)!;
            var answerWrongly = wrongOnFirst && wrong is null;
            if (answerWrongly) wrong = stepId;
            var fields = new List<KeyValuePair<string, string>>
                { new("stepId", stepId), new("__RequestVerificationToken", await HttpClientForms.AntiforgeryTokenAsync(client, attempt)) };
            fields.AddRange((answerWrongly ? WrongPicks(step) : RightPicks(step)).Select(p => new KeyValuePair<string, string>("picks", p.ToString())));
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(attempt, new FormUrlEncodedContent(fields))).StatusCode);
        }
        return wrong;
    }

    /// <summary>Answers every item the Review page shows, rightly; returns their steps.</summary>
    private async Task<List<string>> ReviewEverythingDueAsync(HttpClient client, string employeeId)
    {
        List<string> reviewed = [];
        while (true)
        {
            var page = await client.GetDocumentAsync("/review");
            if (page.QuerySelector("input[name=itemId]") is null) return reviewed;
            var (itemId, reps, step) = await FormAsync(page);
            Assert.DoesNotContain(step.Id, reviewed);
            var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var response = await PostAnswerAsync(client, token, itemId, reps, RightPicks(step));
            Assert.Equal($"/review?answered={itemId}", response.Headers.Location!.OriginalString);
            reviewed.Add(step.Id);
        }
    }

    private async Task<(int ItemId, int Reps, QuizStep Step)> FormAsync(IHtmlDocument page)
    {
        var itemId = int.Parse(page.QuerySelector("input[name=itemId]")!.GetAttribute("value")!);
        var reps = int.Parse(page.QuerySelector("input[name=reps]")!.GetAttribute("value")!);
        using var scope = site.Services.CreateScope();
        var stepId = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewItems.Where(i => i.Id == itemId).Select(i => i.StepId).SingleAsync();
        return (itemId, reps, Quiz.Step(stepId)!);
    }

    private static Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, string token, int itemId, int reps, int[] picks)
    {
        var fields = new List<KeyValuePair<string, string>> { new("itemId", itemId.ToString()), new("reps", reps.ToString()), new("__RequestVerificationToken", token) };
        fields.AddRange(picks.Select(p => new KeyValuePair<string, string>("picks", p.ToString())));
        return client.PostAsync("/review", new FormUrlEncodedContent(fields));
    }

    private async Task<int> ItemCountAsync(string employeeId)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewItems.CountAsync(i => i.EmployeeId == employeeId && i.RetiredAt == null);
    }

    private static int[] RightPicks(QuizStep step) => [.. step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number)];

    private static int[] WrongPicks(QuizStep step) => [step.Choices.First(c => c.Mark.Kind == MarkKind.Wrong).Number];
}
