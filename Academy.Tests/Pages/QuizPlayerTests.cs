using System.Net;
using System.Text.RegularExpressions;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed partial class QuizPlayerTests(AcademyFactory factory)
{
    private QuizDocument Quiz(string module, string quiz, string language = "en") =>
        factory.Services.GetRequiredService<ContentCatalog>().Current.Module(module)!.Quiz(quiz)!.In(language).Document;

    [Fact]
    public async Task Scenario_PlayedOnTheBestPath_ScoresFullMarks_AndTheReviewShowsEveryDecision()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("warm-welcome", "late-arrival");

        var attempt = await StartAsync(client, "warm-welcome", "late-arrival");
        var decisions = await PlayAsync(client, attempt, quiz, step => step.Choices.MaxBy(c => c.Mark.Weight)!.Number);

        var result = await client.GetDocumentAsync(attempt);
        Assert.Equal("Passed", result.QuerySelector("#result-title")!.TextContent);
        Assert.StartsWith("100%", result.QuerySelector(".score")!.TextContent.Trim());
        Assert.Equal(decisions, result.QuerySelectorAll(".review > li").Length);
        Assert.All(result.QuerySelectorAll(".review > li"), li => Assert.Contains("Best choice", li.TextContent));
    }

    [Fact]
    public async Task Scenario_PlayedThroughAWeakBranch_ScoresBelowTheBestPath_AndShowsTheBestChoice()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("warm-welcome", "late-arrival");
        var first = quiz.FirstStep;
        var weak = first.Choices.Where(c => c.Mark.Weight < 3).MinBy(c => c.Mark.Weight)!;

        var attempt = await StartAsync(client, "warm-welcome", "late-arrival");
        var feedback = await AnswerAsync(client, attempt, first.Id, weak.Number);

        Assert.Contains("The best choice here", feedback.QuerySelector("#feedback-title")!.ParentElement!.TextContent);
        await PlayAsync(client, attempt, quiz, step => step.Choices.MaxBy(c => c.Mark.Weight)!.Number);
        var result = await client.GetDocumentAsync(attempt);
        var percent = int.Parse(PercentPattern().Match(result.QuerySelector(".score")!.TextContent).Groups[1].Value);
        Assert.InRange(percent, 0, 99);
        Assert.Contains(weak.Html, result.QuerySelector(".review")!.InnerHtml);
    }

    [Fact]
    public async Task Attempt_ResumesWhereTheLearnerStopped()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("listen-first", "the-double-charge");
        var attempt = await StartAsync(client, "listen-first", "the-double-charge");
        var first = quiz.FirstStep;
        var best = first.Choices.MaxBy(c => c.Mark.Weight)!;
        await AnswerAsync(client, attempt, first.Id, best.Number);
        var shownBefore = ChoiceOrder(await client.GetDocumentAsync(attempt));

        var resumed = await StartAsync(client, "listen-first", "the-double-charge");

        Assert.Equal(attempt, resumed);
        var page = await client.GetDocumentAsync(resumed);
        Assert.Equal(quiz.NextStepId(first, best), page.QuerySelector("input[name=stepId]")!.GetAttribute("value"));
        Assert.Equal(shownBefore, ChoiceOrder(page));
    }

    [Fact]
    public async Task ReplayedPost_DoesNotChangeTheScore()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("warm-welcome", "late-arrival");
        var attempt = await StartAsync(client, "warm-welcome", "late-arrival");
        var first = quiz.FirstStep;
        var best = first.Choices.MaxBy(c => c.Mark.Weight)!;
        var worst = first.Choices.MinBy(c => c.Mark.Weight)!;
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, attempt);

        for (var i = 0; i < 3; i++) await PostAsync(client, attempt, token, first.Id, best.Number);
        await PostAsync(client, attempt, token, first.Id, worst.Number);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var id = int.Parse(attempt.Split('/').Last());
        var answers = await db.QuizAnswers.Where(a => a.QuizAttemptId == id).ToListAsync();
        var answer = Assert.Single(answers);
        Assert.Equal(best.Number.ToString(), answer.Choices);
        Assert.Equal(3m, answer.Marks);
    }

    [Fact]
    public async Task Post_ToAStepThePathDidNotReach_IsRefused()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("warm-welcome", "late-arrival");
        var attempt = await StartAsync(client, "warm-welcome", "late-arrival");
        var later = quiz.Steps.Last(s => !s.IsEnding);

        var response = await PostAsync(client, attempt, await HttpClientForms.AntiforgeryTokenAsync(client, attempt), later.Id, later.Choices[0].Number);

        Assert.Equal($"{attempt}", response.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(attempt);
        Assert.Contains("another step", page.QuerySelector(".notice.warn")!.TextContent);
        Assert.Equal(quiz.FirstStep.Id, page.QuerySelector("input[name=stepId]")!.GetAttribute("value"));
        using var scope = factory.Services.CreateScope();
        var id = int.Parse(attempt.Split('/').Last());
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().QuizAnswers.CountAsync(a => a.QuizAttemptId == id));
    }

    [Fact]
    public async Task UnansweredStep_HtmlHoldsNoMarksAndNoFeedback()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("warm-welcome", "late-arrival");
        var attempt = await StartAsync(client, "warm-welcome", "late-arrival");

        var html = await client.GetStringAsync(attempt);

        foreach (var choice in quiz.FirstStep.Choices)
        {
            Assert.Contains(choice.Html, html);
            if (choice.FeedbackHtml.Length > 0) Assert.DoesNotContain(choice.FeedbackHtml, html);
        }
        Assert.DoesNotMatch(@"\[[0-3xX ]\]", html);
        Assert.DoesNotContain("Best choice", html);
        Assert.DoesNotContain("weighted", html);
    }

    [Fact]
    public async Task AnotherLearner_CannotSeeOrAnswerSomeoneElsesAttempt()
    {
        var owner = await NewLearnerAsync();
        var attempt = await StartAsync(owner, "warm-welcome", "late-arrival");
        var other = await NewLearnerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(attempt)).StatusCode);
    }

    [Fact]
    public async Task FrenchSpeaker_PlaysTheFrenchScenario()
    {
        var client = await factory.SignInAsync("lea@academy.test");
        var quiz = Quiz("warm-welcome", "late-arrival", "fr");

        var attempt = await StartAsync(client, "warm-welcome", "late-arrival");
        var page = await client.GetDocumentAsync(attempt);

        Assert.Equal("fr", quiz.Language);
        Assert.Equal("fr", page.QuerySelector("form.card")!.GetAttribute("lang"));
        Assert.Contains(quiz.FirstStep.Title, page.QuerySelector("legend")!.TextContent);
    }

    [Fact]
    public async Task JudgmentCall_IsNotAlwaysShownWithTheBestChoiceFirst_SoPickingTheFirstChoiceDoesNotAlwaysPass()
    {
        var client = await NewLearnerAsync();
        var quiz = Quiz("warm-welcome", "late-arrival");
        var arrival = quiz.FirstStep;
        var firstShown = new List<int>();
        var scores = new List<int>();

        for (var i = 0; i < 20; i++)
        {
            var attempt = await StartAsync(client, "warm-welcome", "late-arrival");
            var shown = ChoiceOrder(await client.GetDocumentAsync(attempt)).Split(',').Select(int.Parse).ToList();
            Assert.Equal(arrival.Choices.Select(c => c.Number), shown.Order());
            firstShown.Add(shown[0]);

            // The learner who always picks the first choice shown, which used to be the best one in every demo scenario.
            while ((await client.GetDocumentAsync(attempt)) is var page && page.QuerySelector("input[name=stepId]") is { } step)
                await AnswerAsync(client, attempt, step.GetAttribute("value")!, int.Parse(page.QuerySelector("input[name=picks]")!.GetAttribute("value")!));
            scores.Add(int.Parse(PercentPattern().Match((await client.GetDocumentAsync(attempt)).QuerySelector(".score")!.TextContent).Groups[1].Value));
        }

        Assert.Contains(firstShown, number => number != arrival.BestChoice!.Number);
        Assert.Contains(scores, score => score < 100);
    }

    [Fact]
    public async Task PassingEveryQuizAndReadingEveryLesson_CompletesTheModuleWithTheScore()
    {
        var client = await NewLearnerAsync();
        var module = factory.Services.GetRequiredService<ContentCatalog>().Current.Module("guest-preferences")!;
        for (var n = 1; n <= module.Default.Lessons.Count; n++) await client.ReadLessonAsync(module.Id, n);
        Assert.DoesNotContain("Module completed", (await client.GetDocumentAsync($"/modules/{module.Id}")).QuerySelector(".reader nav")!.TextContent);

        foreach (var quiz in module.Quizzes)
        {
            var attempt = await StartAsync(client, module.Id, quiz.Id);
            await PlayAsync(client, attempt, quiz.Default.Document, RightPicks);
        }

        Assert.Contains("Module completed", (await client.GetDocumentAsync($"/modules/{module.Id}")).QuerySelector(".reader nav")!.TextContent);
        using var scope = factory.Services.CreateScope();
        var completion = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ModuleCompletions
            .Where(c => c.ModuleId == module.Id).OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(100m, completion.Score);
        Assert.Equal(module.Version, completion.ModuleVersion);
    }

    /// <summary>Every quiz of content/, by its default-language file.</summary>
    public static TheoryData<string, string, string> DemoQuizzes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AcademyFactory.RepositoryContent, "modules"), "*.quiz.md", SearchOption.AllDirectories).Order())
        {
            var name = Path.GetFileName(file)[..^".quiz.md".Length];
            if (name.Contains('.')) continue;
            foreach (var language in new[] { "en", "fr" }) data.Add(Path.GetFileName(Path.GetDirectoryName(file))!, name, language);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DemoQuizzes))]
    public async Task EveryDemoQuiz_CanBePlayedToTheEnd_InEnglishAndFrench(string module, string quizId, string language)
    {
        var client = await NewLearnerAsync(language);
        var published = factory.Services.GetRequiredService<ContentCatalog>().Current.Module(module)!.Quiz(quizId)!;
        var quiz = published.In(language).Document;

        var attempt = await StartAsync(client, module, quizId);
        var decisions = await PlayAsync(client, attempt, quiz, BestPicks);

        var result = await client.GetDocumentAsync(attempt);
        Assert.Equal(language, result.DocumentElement.GetAttribute("lang"));
        Assert.Equal(language == "fr" ? "Réussi" : "Passed", result.QuerySelector("#result-title")!.TextContent);
        Assert.True(decisions > 0);
        Assert.Equal(published.Translations.ContainsKey(language) ? language : "en", quiz.Language);
    }

    /// <summary>The right choices of a knowledge check, or the heaviest choice of a judgment call.</summary>
    private static int[] BestPicks(QuizStep step) =>
        step.IsWeighted ? [step.Choices.MaxBy(c => c.Mark.Weight)!.Number] : RightPicks(step);

    private static int[] RightPicks(QuizStep step) => step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number).ToArray();

    private async Task<HttpClient> NewLearnerAsync(string language = "en")
    {
        var email = $"learner-{Guid.NewGuid():N}@academy.test";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Employee>>();
            await users.CreateAsync(new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Quiz Learner", PreferredLanguage = language }, AcademyFactory.Password);
        }
        return await factory.SignInAsync(email);
    }

    /// <summary>Posts the start form and returns the attempt's address.</summary>
    private static async Task<string> StartAsync(HttpClient client, string module, string quiz)
    {
        var response = await client.PostFormAsync($"/modules/{module}/quizzes/{quiz}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string attempt, string token, string stepId, params int[] picks)
    {
        var fields = new List<KeyValuePair<string, string>> { new("stepId", stepId), new("__RequestVerificationToken", token) };
        fields.AddRange(picks.Select(p => new KeyValuePair<string, string>("picks", p.ToString())));
        return await client.PostAsync(attempt, new FormUrlEncodedContent(fields));
    }

    private static async Task<IHtmlDocument> AnswerAsync(HttpClient client, string attempt, string stepId, params int[] picks)
    {
        var response = await PostAsync(client, attempt, await HttpClientForms.AntiforgeryTokenAsync(client, attempt), stepId, picks);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("?after=", response.Headers.Location!.OriginalString);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Answers whatever step the page shows until the attempt ends; returns the number of decisions made.</summary>
    private static async Task<int> PlayAsync(HttpClient client, string attempt, QuizDocument quiz, Func<QuizStep, int> pick) =>
        await PlayAsync(client, attempt, quiz, step => new[] { pick(step) });

    private static async Task<int> PlayAsync(HttpClient client, string attempt, QuizDocument quiz, Func<QuizStep, int[]> picks)
    {
        var decisions = 0;
        while (true)
        {
            var page = await client.GetDocumentAsync(attempt);
            decisions = page.QuerySelectorAll(".review > li").Length;
            if (page.QuerySelector("input[name=stepId]") is not { } input) return decisions > 0 ? decisions : 0;
            var step = quiz.Step(input.GetAttribute("value")!)!;
            await AnswerAsync(client, attempt, step.Id, picks(step));
        }
    }

    private static string ChoiceOrder(IHtmlDocument page) => string.Join(",", page.QuerySelectorAll("input[name=picks]").Select(i => i.GetAttribute("value")));

    [GeneratedRegex(@"(\d+)%")]
    private static partial Regex PercentPattern();
}
