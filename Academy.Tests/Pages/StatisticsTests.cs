using System.Net;
using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A site of its own, so that the figures on the page come from these attempts only: the shared site
/// collects attempts at the late-arrival scenario from every other test.</summary>
public sealed class StatisticsSite : IAsyncLifetime
{
    public const string FrenchTrainer = "formatrice@academy.test";

    /// <summary>The learners who played, one attempt each (one unfinished attempt per learner and quiz is the rule).</summary>
    public static readonly string[] Learners = ["newhire@academy.test", "lea@academy.test", "omar@academy.test", "nina@academy.test", "hr@academy.test"];

    public AcademyFactory Factory { get; } = new();

    /// <summary>The published English version of late-arrival, with the five attempts.</summary>
    public int VersionId { get; private set; }

    /// <summary>A later version of the same file, nobody has played yet.</summary>
    public int NewerVersionId { get; private set; }

    public int ModuleVersionId { get; private set; }

    public IReadOnlyList<(string Email, string Id, string FullName)> LearnerIdentities { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AcademyDbContext>();
        var users = services.GetRequiredService<UserManager<Employee>>();
        var published = services.GetRequiredService<ContentCatalog>().Current.Module("warm-welcome")!.Quiz("late-arrival")!.Default;
        VersionId = published.VersionId;
        var quiz = published.Document;

        var learners = new List<(string, string, string)>();
        foreach (var email in Learners)
        {
            var employee = (await users.FindByEmailAsync(email))!;
            learners.Add((email, employee.Id, employee.FullName));
        }
        LearnerIdentities = learners;

        // The late-arrival weights: arrival [3 news, 2 news, 0 upset], news [3 details, 1 waiting, 0 waiting],
        // upset [3 details, 1 waiting, 0 end], details [3, 2, 1 settled]; the best path earns 9, the pass mark is 70.
        Answer[][] played =
        [
            [new("arrival", [1]), new("news", [1]), new("details", [1])], // 9 of 9: 100%, passed
            [new("arrival", [2]), new("news", [1]), new("details", [2])], // 7 of 9: 77.8%, passed
            [new("arrival", [3]), new("upset", [3])], // ends without an ending: 0%, not passed
            [new("arrival", [1]), new("news", [2])], // stopped at "waiting"
            [], // stopped at "arrival"
        ];
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < played.Length; i++)
        {
            var answers = played[i];
            var attempt = new QuizAttempt
            {
                EmployeeId = learners[i].Item2, ModuleId = quiz.ModuleId, QuizId = quiz.Id, ContentVersionId = VersionId,
                Seed = 17 + i, StartedAt = start.AddHours(i),
                Answers = answers.Select((a, n) => new QuizAnswer
                {
                    Sequence = n + 1, StepId = a.StepId, Choices = string.Join(',', a.ChoiceNumbers),
                    Marks = ScenarioScorer.StepMarks(quiz.Step(a.StepId)!, a.ChoiceNumbers), AnsweredAt = start.AddHours(i).AddMinutes(n + 1),
                }).ToList(),
            };
            if (QuizPath.Walk(quiz, answers).Finished)
            {
                var score = ScenarioScorer.Score(quiz, answers);
                (attempt.FinishedAt, attempt.Percent, attempt.Passed) = (start.AddHours(i).AddMinutes(10), score.Percent, score.Passed);
            }
            db.QuizAttempts.Add(attempt);
        }

        // What a publication from the browser leaves behind: a newer version of the same file.
        var version = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.Id == VersionId);
        var newer = new ContentVersion
        {
            ContentFileId = version.ContentFileId, Number = version.Number + 1, Hash = new string('a', 64), Markdown = version.Markdown,
            DocumentJson = version.DocumentJson, Origin = ContentOrigin.Browser, Author = "trainer@academy.test", CreatedAt = start,
        };
        db.ContentVersions.Add(newer);
        await db.SaveChangesAsync();
        NewerVersionId = newer.Id;
        ModuleVersionId = await db.ContentVersions.Where(v => v.ContentFile!.Kind == ContentKind.Module).Select(v => v.Id).FirstAsync();

        var trainer = new Employee { UserName = FrenchTrainer, Email = FrenchTrainer, EmailConfirmed = true, FullName = "Claire Formatrice", PreferredLanguage = "fr" };
        await users.CreateAsync(trainer, AcademyFactory.Password);
        await users.AddToRoleAsync(trainer, Roles.Trainer);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(HostCollection.Name)]
public sealed class StatisticsTests(StatisticsSite site) : IClassFixture<StatisticsSite>
{
    private string Page => $"/workspace/statistics/{site.VersionId}";

    [Fact]
    public async Task Trainer_SeesTheFiguresOfTheVersion()
    {
        var page = await (await site.Factory.SignInAsync("trainer@academy.test")).GetDocumentAsync(Page);

        Assert.Equal("The late arrival", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("version 1", page.QuerySelector(".lead")!.TextContent);
        Assert.Contains("English", page.QuerySelector(".lead")!.TextContent);
        Assert.Equal("5", Text(page, "#started"));
        Assert.Equal("3", Text(page, "#finished"));
        Assert.Equal("66.7%", Text(page, "#pass-rate")); // 2 of 3 finished
        Assert.Equal("59.3%", Text(page, "#average-score")); // (100 + 77.78 + 0) / 3
        Assert.Equal("77.8%", Text(page, "#median-score"));
    }

    [Fact]
    public async Task Trainer_SeesHowOftenEachChoiceIsTaken_WithItsMark()
    {
        var page = await (await site.Factory.SignInAsync("trainer@academy.test")).GetDocumentAsync(Page);

        var arrival = Step(page, "Arrival");
        Assert.Contains("Reached: 5 · Answered: 4", arrival.TextContent);
        Assert.Equal([["[3]", "2", "50%"], ["[2]", "1", "25%"], ["[0]", "1", "25%"]], Rows(arrival));
        Assert.Equal([["[3]", "2", "66.7%"], ["[1]", "1", "33.3%"], ["[0]", "0", "0%"]], Rows(Step(page, "Breaking the news")));
        Assert.Equal([["[3]", "0", "0%"], ["[1]", "0", "0%"], ["[0]", "1", "100%"]], Rows(Step(page, "Losing patience")));
        Assert.Equal(7, page.QuerySelectorAll("section.stat-step").Length);
        Assert.Empty(page.QuerySelectorAll("section.stat-step section, section.stat-step table table"));
        Assert.Contains("No attempt has answered this step.", Step(page, "Still waiting").TextContent);
        Assert.Null(Step(page, "Still waiting").QuerySelector("table"));
        Assert.Contains("An ending. Attempts that ended here: 2", Step(page, "A good night after all").TextContent);
        Assert.Contains("Best choice", arrival.TextContent);
    }

    [Fact]
    public async Task Trainer_SeesABarChartPerStep_DrawnWithoutInlineStyle()
    {
        var page = await (await site.Factory.SignInAsync("trainer@academy.test")).GetDocumentAsync(Page);

        var chart = Step(page, "Arrival").QuerySelector("svg[role=img]")!;
        Assert.Equal("Share of the answers per choice: 1: 50%, 2: 25%, 3: 25%", chart.QuerySelector("title")!.TextContent);
        Assert.Equal(chart.QuerySelector("title")!.Id, chart.GetAttribute("aria-labelledby"));
        Assert.Equal(["120", "60", "60"], chart.QuerySelectorAll("rect.fill").Select(r => r.GetAttribute("width")));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
    }

    [Fact]
    public async Task Trainer_SeesWhereLearnersStop()
    {
        var page = await (await site.Factory.SignInAsync("trainer@academy.test")).GetDocumentAsync(Page);

        var stops = page.QuerySelectorAll("#stops tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["Arrival", "Breaking the news", "Losing patience", "Still waiting", "The key card"], stops.Keys);
        Assert.Equal(["5", "1", "50%"], stops["Arrival"]);
        Assert.Equal(["1", "1", "50%"], stops["Still waiting"]);
        Assert.Equal(["3", "0", "0%"], stops["Breaking the news"]);
        Assert.Contains("Unfinished attempts: 2,", page.QuerySelector("#stops-title")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Page_ShowsNoLearnerNameEmailOrId()
    {
        var client = await site.Factory.SignInAsync("trainer@academy.test");
        var html = await client.GetStringAsync(Page);
        var text = (await client.GetDocumentAsync(Page)).Body!.TextContent;

        Assert.All(site.LearnerIdentities, learner =>
        {
            Assert.DoesNotContain(learner.Email, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(learner.Id, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(learner.FullName, text, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task VersionSelector_LinksToTheOtherVersions_AndAVersionNobodyPlayedSaysSo()
    {
        var client = await site.Factory.SignInAsync("trainer@academy.test");
        var page = await client.GetDocumentAsync(Page);

        var link = Assert.Single(page.QuerySelectorAll(".stat-versions a"));
        Assert.Equal($"/workspace/statistics/{site.NewerVersionId}", link.GetAttribute("href"));
        Assert.Equal("version 1", page.QuerySelector(".stat-versions [aria-current=page]")!.TextContent);

        var newer = await client.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Contains("Nobody has played this version yet", newer.QuerySelector(".notice.info")!.TextContent);
        Assert.Null(newer.QuerySelector("#started"));
        Assert.Equal(Page, Assert.Single(newer.QuerySelectorAll(".stat-versions a")).GetAttribute("href"));
    }

    [Fact]
    public async Task FrenchTrainer_SeesFrenchNumbers_AndChartsThatStillDraw()
    {
        var page = await (await site.Factory.SignInAsync(StatisticsSite.FrenchTrainer)).GetDocumentAsync(Page);

        Assert.StartsWith("66,7", Text(page, "#pass-rate"));
        Assert.EndsWith("%", Text(page, "#pass-rate"));
        Assert.Equal(["120", "60", "60"], Step(page, "Arrival").QuerySelectorAll("rect.fill").Select(r => r.GetAttribute("width")));
    }

    [Theory]
    [InlineData("trainer@academy.test")]
    [InlineData("admin@academy.test")]
    public async Task TrainersAndAdmins_MayOpenThePage(string email)
    {
        var response = await (await site.Factory.SignInAsync(email)).GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("newhire@academy.test")]
    [InlineData("hr@academy.test")]
    public async Task LearnersAndHR_AreForbidden(string email)
    {
        var response = await (await site.Factory.SignInAsync(email)).GetAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var response = await site.Factory.NewClient().GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_IsNotFound_ForAVersionThatIsNotAQuiz_OrDoesNotExist()
    {
        var client = await site.Factory.SignInAsync("trainer@academy.test");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/workspace/statistics/{site.ModuleVersionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/workspace/statistics/999999")).StatusCode);
    }

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();

    /// <summary>The section of the step with this title.</summary>
    private static AngleSharp.Dom.IElement Step(IHtmlDocument page, string title) =>
        page.QuerySelectorAll("section.stat-step").Single(s => s.QuerySelector("h3 span")!.TextContent == title);

    /// <summary>Each choice's mark, picks and share, in file order.</summary>
    private static string[][] Rows(AngleSharp.Dom.IElement step) =>
        step.QuerySelectorAll("tbody tr").Select(r =>
        {
            var cells = r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
            return new[] { r.QuerySelector("td .mono")!.TextContent, cells[1], cells[2] };
        }).ToArray();
}
