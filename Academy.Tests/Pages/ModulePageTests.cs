using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>What the module page says about where the learner is: the way back, and how far they got.</summary>
[Collection(HostCollection.Name)]
public sealed class ModulePageTests(AcademyFactory factory)
{
    [Fact]
    public async Task ProgressLabel_SaysWhatTheBarCounts_WhenEveryLessonIsReadButTheQuizIsNot()
    {
        var client = await NewLearnerAsync("all-read@academy.test");
        await MarkReadAsync("all-read@academy.test", "warm-welcome", 1, 2, 3);

        var page = await client.GetDocumentAsync("/modules/warm-welcome/3");

        Assert.Equal("3 of 3 lessons read · 0 of 1 quiz passed", page.QuerySelector("#module-progress")!.TextContent.Trim());
        var bar = page.QuerySelector("progress[aria-labelledby=module-progress]")!;
        Assert.Equal("75", bar.GetAttribute("value"));
        Assert.Equal("100", bar.GetAttribute("max"));
    }

    [Fact]
    public async Task ProgressLabel_IsSingular_ForOneLessonOrOneQuiz_InFrench()
    {
        var client = await NewLearnerAsync("une-lecon@academy.test", "fr");
        await MarkReadAsync("une-lecon@academy.test", "warm-welcome", 1);

        var page = await client.GetDocumentAsync("/modules/warm-welcome/1");

        Assert.Equal("Leçons lues\u202f: 1 sur 3 · Quiz réussi\u202f: 0 sur 1", page.QuerySelector("#module-progress")!.TextContent.Trim());
    }

    [Fact]
    public async Task Breadcrumb_LeadsBackToTheProgram_WhenTheLearnerCameFromIt()
    {
        var client = await NewLearnerAsync("from-program@academy.test");

        var program = await client.GetDocumentAsync("/programs/onboarding");
        var link = program.QuerySelectorAll("ol.steps a").Select(a => a.GetAttribute("href")).First(h => h!.StartsWith("/modules/warm-welcome"));
        var module = await client.GetDocumentAsync(link!);

        Assert.Equal("/modules/warm-welcome?from=onboarding", link);
        var crumbs = module.QuerySelector("main > p.meta")!;
        Assert.Equal(["/", "/programs/onboarding"], crumbs.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray());
        Assert.Equal("Home › Onboarding › The warm welcome", Normalize(crumbs.TextContent));
        Assert.Equal("/modules/warm-welcome/2?from=onboarding", module.QuerySelectorAll("ol.lessons a")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task Breadcrumb_SaysCatalog_WhenTheLearnerCameFromElsewhereOrFromAProgramWithoutTheModule()
    {
        var client = await NewLearnerAsync("from-catalog@academy.test");

        var plain = await client.GetDocumentAsync("/modules/warm-welcome");
        var otherProgram = await client.GetDocumentAsync("/modules/warm-welcome?from=back-office");
        var unknown = await client.GetDocumentAsync("/modules/warm-welcome?from=no-such-program");

        foreach (var page in new[] { plain, otherProgram, unknown })
        {
            var crumbs = page.QuerySelector("main > p.meta")!;
            Assert.Equal(["/catalog"], crumbs.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray());
            Assert.Equal("/modules/warm-welcome/2", page.QuerySelectorAll("ol.lessons a")[1].GetAttribute("href"));
        }
    }

    [Fact]
    public async Task LessonTable_ScrollsInsideItsOwnKeyboardFocusableRegion()
    {
        var client = await NewLearnerAsync("table-reader@academy.test");
        var lessons = factory.Services.GetRequiredService<ContentCatalog>().Current.Module("warm-welcome")!.Default.Lessons;
        var withTable = lessons.First(l => l.Html.Contains("<table"));

        var page = await client.GetDocumentAsync($"/modules/warm-welcome/{withTable.Number}");

        var box = page.QuerySelector("article.lesson table")!.ParentElement!;
        Assert.Equal("table-scroll", box.ClassName);
        Assert.Equal("0", box.GetAttribute("tabindex"));
        Assert.Equal("region", box.GetAttribute("role"));
        Assert.Equal("Names, and reading the moment: What you notice, What it may mean, What you adapt", box.GetAttribute("aria-label"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<HttpClient> NewLearnerAsync(string email, string? language = null)
    {
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var created = await users.CreateAsync(new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = email, PreferredLanguage = language }, AcademyFactory.Password);
                Assert.True(created.Succeeded);
            }
        }
        return await factory.SignInAsync(email);
    }

    private async Task MarkReadAsync(string email, string moduleId, params int[] lessons)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var id = db.Users.Single(u => u.Email == email).Id;
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var lesson in lessons)
            db.LessonViews.Add(new LessonView { EmployeeId = id, ModuleId = moduleId, LessonNumber = lesson, FirstReadAt = at, ReadAt = at });
        await db.SaveChangesAsync();
    }
}
