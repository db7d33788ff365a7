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
    public async Task ReadingLessons_WithNextAndFinish_RecordsProgress_ButTheModuleWaitsForItsScenario()
    {
        var client = await factory.SignInAsync("nina@academy.test");
        var module = factory.Services.GetRequiredService<ContentCatalog>().Current.Module("escalation")!;
        var lessons = module.Default.Lessons;

        var first = await client.GetDocumentAsync("/modules/escalation");
        Assert.Equal(lessons[0].Title, first.QuerySelector("#lesson-title")!.TextContent);
        Assert.Contains($"0 of {lessons.Count} lessons read", first.QuerySelector("#module-progress")!.TextContent);
        var next = first.QuerySelector(".pager form")!;
        Assert.Equal(("post", "/modules/escalation/1?handler=Read"), (next.GetAttribute("method"), next.GetAttribute("action")));
        Assert.Equal("Next →", next.QuerySelector("button")!.TextContent.Trim());
        Assert.NotNull(next.QuerySelector("input[name=__RequestVerificationToken]"));

        for (var n = 1; n < lessons.Count; n++)
            Assert.Equal($"/modules/escalation/{n + 1}", (await client.ReadLessonAsync("escalation", n)).Headers.Location!.OriginalString);
        var last = await client.GetDocumentAsync($"/modules/escalation/{lessons.Count}");
        Assert.Equal("Finish →", last.QuerySelector(".pager form button")!.TextContent.Trim());
        Assert.Equal($"/modules/escalation/{lessons.Count - 1}", last.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        var finished = await client.ReadLessonAsync("escalation", lessons.Count);
        var again = await client.GetDocumentAsync("/modules/escalation/1");

        Assert.Equal($"/modules/escalation/quizzes/{module.Quizzes[0].Id}", finished.Headers.Location!.OriginalString);
        Assert.Contains($"{lessons.Count} of {lessons.Count} lessons read", again.QuerySelector("#module-progress")!.TextContent);
        Assert.DoesNotContain("Module completed", again.QuerySelector(".reader nav")!.TextContent);
        Assert.Equal($"/modules/escalation/quizzes/{module.Quizzes[0].Id}", again.QuerySelector(".quizzes a")!.GetAttribute("href"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var nina = await db.Users.SingleAsync(u => u.Email == "nina@academy.test");
        Assert.Equal(lessons.Count, await db.LessonViews.CountAsync(v => v.EmployeeId == nina.Id && v.ModuleId == "escalation"));
        Assert.Equal(0, await db.ModuleCompletions.CountAsync(c => c.EmployeeId == nina.Id && c.ModuleId == "escalation"));
    }

    /// <summary>An image in any page (<c>&lt;img src="/modules/x/1"&gt;</c>), a prefetch or a crawler makes GETs for the
    /// reader: opening lessons must record nothing.</summary>
    [Fact]
    public async Task OpeningEveryLesson_RecordsNothing_UntilTheReaderPressesNext()
    {
        var client = await factory.SignInAsync("omar@academy.test");
        var module = factory.Services.GetRequiredService<ContentCatalog>().Current.Module("guest-preferences")!;

        for (var n = 1; n <= module.Default.Lessons.Count; n++) await client.GetDocumentAsync($"/modules/{module.Id}/{n}");
        var page = await client.GetDocumentAsync($"/modules/{module.Id}/1");

        Assert.Contains($"0 of {module.Default.Lessons.Count} lessons read", page.QuerySelector("#module-progress")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("ol.lessons .read"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var omar = await db.Users.SingleAsync(u => u.Email == "omar@academy.test");
        Assert.Equal(0, await db.LessonViews.CountAsync(v => v.EmployeeId == omar.Id && v.ModuleId == module.Id));
    }

    [Fact]
    public async Task ReadingALesson_IsRefused_WithoutTheFormsAntiforgeryToken()
    {
        var client = await factory.SignInAsync("omar@academy.test");

        var response = await client.PostAsync("/modules/refunds/1?handler=Read", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ReadingALesson_AnswersNotFound_ForAnUnknownModuleOrLesson()
    {
        var client = await factory.SignInAsync("omar@academy.test");
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/modules/refunds/1");

        foreach (var url in new[] { "/modules/no-such-module/1?handler=Read", "/modules/refunds/99?handler=Read", "/modules/refunds/0?handler=Read" })
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Catalog_ShowsProgressOfTheSignedInEmployee()
    {
        var client = await factory.SignInAsync("hr@academy.test");
        await client.ReadLessonAsync("listen-first", 1);

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
