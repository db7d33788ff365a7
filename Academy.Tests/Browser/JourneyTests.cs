using System.Globalization;
using Academy.Domain.Quizzes;
using Academy.Tests.Pages;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>Each role's whole path through the site in Chromium, visiting after every step the pages that change
/// with it. Every page visited answers 200 and passes axe.</summary>
[Collection(HostCollection.Name)]
public sealed class JourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The words a learner's pages use, in each language.</summary>
    private sealed record Words(string Passed, string Completed, string ModuleCompleted, string ValidUntil, string Valid);

    private static readonly Dictionary<string, Words> Languages = new()
    {
        ["en"] = new("Passed", "Completed", "Module completed", "valid until", "Valid"),
        ["fr"] = new("Réussi", "Terminé", "Module terminé", "valable jusqu’au", "Valable"),
    };

    [Fact]
    public async Task NewHire_CompletesOnboarding_GetsAVerifiableCertificate_ThatHRRevokes()
    {
        var code = await CompleteOnboardingAsync("newhire@academy.test", "en");

        var hr = await browser.SignedInPageAsync("hr@academy.test");
        await VisitAsync(hr, "/certificates/manage");
        await hr.Locator($"tr[data-code='{code}'] a").First.ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath.StartsWith("/certificates/manage/", StringComparison.Ordinal));
        await Axe.AssertAccessibleAsync(hr);
        await hr.GetByLabel("Reason").FillAsync("Issued on a test account by mistake.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await hr.Locator("#revocation").WaitForAsync();
        await Axe.AssertAccessibleAsync(hr);

        var anonymous = await (await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl })).NewPageAsync();
        await VisitAsync(anonymous, $"/verify/{code}");
        Assert.Equal("revoked", await anonymous.Locator("#verdict").GetAttributeAsync("data-status"));
        Assert.Contains("Issued on a test account by mistake.", await anonymous.Locator("#revocation").TextContentAsync());
        var json = await anonymous.Context.APIRequest.GetAsync($"/verify/{code}.json");
        Assert.Equal(410, json.Status);
    }

    [Fact]
    public Task FrenchLearner_CompletesOnboardingInFrench_AndEveryPageShowsEachCompletionAndItsExpiry() =>
        CompleteOnboardingAsync("lea@academy.test", "fr");

    [Fact]
    public async Task Trainer_PublishesAChangedLesson_AndTheLearnerReadsIt()
    {
        var trainer = await browser.SignedInPageAsync("trainer@academy.test");
        await VisitAsync(trainer, "/workspace");
        await VisitAsync(trainer, "/workspace/edit?path=" + Uri.EscapeDataString("modules/refunds/module.md"));
        var editor = trainer.GetByLabel("Markdown");
        var text = await editor.InputValueAsync();
        var lesson = Content.Module("refunds")!.Default.Lessons[0].Title;
        await editor.FillAsync(text.Replace($"## {lesson}", "## Refunds, step by step"));
        await trainer.Locator("#preview .notice.ok").WaitForAsync();
        await trainer.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await trainer.Locator(".notice.ok", new() { HasText = "Published as version 2" }).WaitForAsync();
        await Axe.AssertAccessibleAsync(trainer);

        var learner = await browser.SignedInPageAsync("omar@academy.test");
        await VisitAsync(learner, "/modules/refunds");
        Assert.Equal("Refunds, step by step", (await learner.Locator("#lesson-title").TextContentAsync())!.Trim());
        await VisitAsync(trainer, "/workspace/versions?path=" + Uri.EscapeDataString("modules/refunds/module.md"));
        Assert.Equal(2, await trainer.Locator("main table tbody tr").CountAsync());
    }

    private PublishedContent Content => browser.Site.Services.GetRequiredService<ContentCatalog>().Current;

    /// <summary>Completes every module of onboarding, checks every page after each completion, then finds the
    /// certificate on My certificates, downloads its PDF and verifies it without an account. Returns its code.</summary>
    private async Task<string> CompleteOnboardingAsync(string email, string language)
    {
        var words = Languages[language];
        var culture = new CultureInfo(language);
        // The browser asks for English; the learner's profile language decides.
        var page = await browser.SignedInPageAsync(email);
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        var program = Content.Programs.Single(p => p.Id == "onboarding");
        await VisitAsync(page, "/programs/onboarding");

        for (var index = 0; index < program.ModuleIds.Count; index++)
        {
            var module = Content.Module(program.ModuleIds[index])!;
            var title = module.In(language).Title;
            await ReadEveryLessonAsync(page, module);
            var attempts = new List<string>();
            foreach (var quiz in module.Quizzes) attempts.Add(await PassAsync(page, module, quiz.In(language).Document, words));

            var expiry = await ExpiryAsync(email, module.Id);
            var until = expiry is { } date ? $"{words.ValidUntil} {date.ToString("d", culture)}" : null;

            await VisitAsync(page, $"/modules/{module.Id}");
            Assert.Equal(words.ModuleCompleted, (await page.Locator(".reader nav .state.Completed").TextContentAsync())!.Trim());

            await VisitAsync(page, "/catalog");
            var card = page.Locator(".grid > li").Filter(new() { Has = page.Locator("h3", new() { HasTextString = title }) });
            var state = (await card.Locator(".state").TextContentAsync())!;
            Assert.StartsWith(words.Completed, state.Trim());
            if (until is not null) Assert.Contains(until, state);

            await VisitAsync(page, "/programs/onboarding");
            var row = page.Locator("ol.steps > li").Filter(new() { HasTextString = title });
            Assert.Equal(words.Completed, (await row.Locator(".state").TextContentAsync())!.Trim());

            await VisitAsync(page, "/");
            var programCard = page.Locator(".card").Filter(new() { Has = page.Locator("h3 a[href='/programs/onboarding']") });
            Assert.Equal(((index + 1) * 100 / program.ModuleIds.Count).ToString(), await programCard.Locator("progress").GetAttributeAsync("value"));

            foreach (var quiz in module.Quizzes) await VisitAsync(page, $"/modules/{module.Id}/quizzes/{quiz.Id}");
            foreach (var attempt in attempts)
            {
                await VisitAsync(page, attempt);
                Assert.Equal(words.Passed, (await page.Locator("#result-title").TextContentAsync())!.Trim());
            }
        }

        await VisitAsync(page, "/");
        var done = page.Locator(".card").Filter(new() { Has = page.Locator("h3 a[href='/programs/onboarding']") });
        Assert.Equal(words.Completed, (await done.Locator(".state").TextContentAsync())!.Trim());

        // The last completion queued the certificate's job; the tests run no Hangfire server, so perform it as its worker would.
        Assert.Contains("CertificateIssueJob.RunForModuleAsync", browser.Site.EnqueuedJobNames());
        await browser.Site.RunEnqueuedJobsAsync();
        await VisitAsync(page, "/certificates");
        var certificate = page.Locator("#certificates tbody tr").Filter(new() { HasTextString = program.Title });
        Assert.Equal(words.Valid, (await certificate.Locator(".status").TextContentAsync())!.Trim());
        var code = (await certificate.GetAttributeAsync("data-code"))!;
        var pdf = await page.Context.APIRequest.GetAsync((await certificate.Locator("a.pdf").GetAttributeAsync("href"))!);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        await page.Context.CloseAsync();

        var anonymous = await (await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl })).NewPageAsync();
        await VisitAsync(anonymous, $"/verify/{code}");
        Assert.Equal("valid", await anonymous.Locator("#verdict").GetAttributeAsync("data-status"));
        await anonymous.Context.CloseAsync();
        return code;
    }

    /// <summary>Opens the module and goes through its lessons with each lesson's own Next, then Finish, button.</summary>
    private static async Task ReadEveryLessonAsync(IPage page, PublishedModule module)
    {
        await VisitAsync(page, $"/modules/{module.Id}");
        var count = module.Default.Lessons.Count;
        for (var number = 1; number <= count; number++)
        {
            await page.Locator(".pager form.next button").ClickAsync();
            if (number < count) await page.ArrivedAsync(url => new Uri(url).AbsolutePath == $"/modules/{module.Id}/{number + 1}");
            else await page.ArrivedAsync(url => !url.EndsWith($"/modules/{module.Id}/{number}", StringComparison.Ordinal));
            await Axe.AssertAccessibleAsync(page);
        }
    }

    /// <summary>Plays the quiz on its best path and returns the finished attempt's address.</summary>
    private static async Task<string> PassAsync(IPage page, PublishedModule module, QuizDocument quiz, Words words)
    {
        await VisitAsync(page, $"/modules/{module.Id}/quizzes/{quiz.Id}");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ArrivedAsync(url => new Uri(url).AbsolutePath.Contains("/attempts/", StringComparison.Ordinal));
        var attempt = new Uri(page.Url).AbsolutePath;
        while (await page.Locator("input[name=stepId]").CountAsync() > 0)
        {
            var step = quiz.Step((await page.Locator("input[name=stepId]").GetAttributeAsync("value"))!)!;
            var picks = step.IsWeighted
                ? [step.Choices.MaxBy(c => c.Mark.Weight)!.Number]
                : step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number);
            foreach (var pick in picks) await page.Locator($"input[name=picks][value='{pick}']").CheckAsync();
            await page.Locator("form.quiz button[type=submit]").ClickAsync();
            await page.ArrivedAsync(url => url.Contains("after=", StringComparison.Ordinal));
            await page.Locator("section[aria-labelledby=feedback-title] a.button").ClickAsync();
            await page.ArrivedAsync(url => !url.Contains("after=", StringComparison.Ordinal));
        }
        Assert.Equal(words.Passed, (await page.Locator("#result-title").TextContentAsync())!.Trim());
        await Axe.AssertAccessibleAsync(page);
        return attempt;
    }

    private async Task<DateTimeOffset?> ExpiryAsync(string email, string moduleId)
    {
        using var scope = browser.Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return await db.ModuleCompletions.Where(c => c.ModuleId == moduleId && db.Users.Any(u => u.Id == c.EmployeeId && u.Email == email))
            .OrderByDescending(c => c.Sequence).Select(c => c.ExpiresAt).FirstAsync();
    }

    private static async Task VisitAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Status: 200 }, $"GET {url}: {response?.Status}");
        await Axe.AssertAccessibleAsync(page);
    }

}
