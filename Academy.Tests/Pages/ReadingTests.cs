using System.Net;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class ReadingTests(AcademyFactory factory)
{
    [Fact]
    public async Task Catalog_ListsEveryModule_AndFiltersByKindStandardAndTitle()
    {
        var client = await factory.SignInAsync("omar@academy.test");

        var all = await client.GetDocumentAsync("/catalog");
        var technical = await client.GetDocumentAsync("/catalog?kind=technical");
        var byTitle = await client.GetDocumentAsync("/catalog?q=refund");
        var byStandard = await client.GetDocumentAsync("/catalog?standard=warm-welcome");

        Assert.True(all.QuerySelectorAll(".grid > li").Length >= 6);
        Assert.All(technical.QuerySelectorAll(".grid .tag.technical, .grid .tag.behavioral"), tag => Assert.Contains("technical", tag.ClassName));
        Assert.Contains(byTitle.QuerySelectorAll(".grid h3 a"), a => a.GetAttribute("href") == "/modules/refunds");
        Assert.Contains(byStandard.QuerySelectorAll(".grid h3 a"), a => a.GetAttribute("href") == "/modules/warm-welcome");
        Assert.True(byStandard.QuerySelectorAll(".grid > li").Length < all.QuerySelectorAll(".grid > li").Length);
    }

    [Fact]
    public async Task ReadingLessons_RecordsProgress_ButTheModuleWaitsForItsScenario()
    {
        var client = await factory.SignInAsync("nina@academy.test");
        var module = factory.Services.GetRequiredService<ContentCatalog>().Current.Module("escalation")!;
        var lessons = module.Default.Lessons;

        var first = await client.GetDocumentAsync("/modules/escalation");
        Assert.Equal(lessons[0].Title, first.QuerySelector("#lesson-title")!.TextContent);
        Assert.Contains($"1 of {lessons.Count} lessons read", first.QuerySelector("#module-progress")!.TextContent);
        Assert.Equal("/modules/escalation/2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));

        for (var n = 2; n <= lessons.Count; n++) await client.GetDocumentAsync($"/modules/escalation/{n}");
        var again = await client.GetDocumentAsync("/modules/escalation/1");

        Assert.Contains($"{lessons.Count} of {lessons.Count} lessons read", again.QuerySelector("#module-progress")!.TextContent);
        Assert.DoesNotContain("Module completed", again.QuerySelector(".reader nav")!.TextContent);
        Assert.Equal($"/modules/escalation/quizzes/{module.Quizzes[0].Id}", again.QuerySelector(".quizzes a")!.GetAttribute("href"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var nina = await db.Users.SingleAsync(u => u.Email == "nina@academy.test");
        Assert.Equal(lessons.Count, await db.LessonViews.CountAsync(v => v.EmployeeId == nina.Id && v.ModuleId == "escalation"));
        Assert.Equal(0, await db.ModuleCompletions.CountAsync(c => c.EmployeeId == nina.Id && c.ModuleId == "escalation"));
    }

    [Fact]
    public async Task Catalog_ShowsProgressOfTheSignedInEmployee()
    {
        var client = await factory.SignInAsync("hr@academy.test");
        await client.GetDocumentAsync("/modules/listen-first");

        var catalog = await client.GetDocumentAsync("/catalog?q=listen");

        var card = catalog.QuerySelector(".grid > li")!;
        Assert.Equal("In progress", card.QuerySelector(".state")!.TextContent.Trim());
        Assert.NotEqual("0", card.QuerySelector("progress")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Lesson_AnswersNotFound_ForAnUnknownModuleOrLesson()
    {
        var client = await factory.SignInAsync("newhire@academy.test");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/modules/no-such-module")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/modules/refunds/99")).StatusCode);
    }

    [Fact]
    public async Task Home_SendsTheNewHireToTheNextModuleOfOnboarding()
    {
        var client = await factory.SignInAsync("newhire@academy.test");
        var onboarding = factory.Services.GetRequiredService<ContentCatalog>().Current.Programs.Single(p => p.Id == "onboarding");

        var home = await client.GetDocumentAsync("/");

        Assert.Contains(home.QuerySelectorAll(".card h3 a"), a => a.GetAttribute("href") == "/programs/onboarding");
        Assert.Equal($"/modules/{onboarding.ModuleIds[0]}?from=onboarding", home.QuerySelector("#next-heading + p + p a, section[aria-labelledby=next-heading] a.button")!.GetAttribute("href"));
    }
}
