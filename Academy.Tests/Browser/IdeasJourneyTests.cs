using Academy.Tests.Pages;
using Academy.Web.Data;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>A learner shares an idea from the menu, their manager puts it into practice, and the next day it is a story on
/// the learner's line-up and shows in the manager's leading indicator, charted and in its table; the board (with a refused
/// post), the line-up and the indicator pass axe, the indicator in English and in French. On the site's fake clock, which
/// the test moves to the next day.</summary>
[Collection(HostCollection.Name)]
public sealed class IdeasJourneyTests(ClockBrowserFixture browser) : IClassFixture<ClockBrowserFixture>
{
    [Fact]
    public async Task LearnerSharesAnIdea_ManagerPutsItIntoPractice_AndTheIndicatorCountsIt()
    {
        var department = $"Lobby {Guid.NewGuid():N}"[..14];
        var managerEmail = await EmployeeAsync("Journey Manager", "Management", null);
        var learnerEmail = await EmployeeAsync("Journey Learner", department, managerEmail);

        var learner = await browser.SignedInPageAsync(learnerEmail);
        await learner.GetByRole(AriaRole.Link, new() { Name = "Ideas", Exact = true }).ClickAsync();
        await learner.ArrivedAsync(url => new Uri(url).AbsolutePath == "/ideas");
        await learner.GetByLabel("An idea to serve customers better").CheckAsync();
        await learner.GetByLabel("Your note or idea").FillAsync("Call guests by name at the second visit: 06 12 34 56 78");
        await learner.GetByLabel("Standard", new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Label = "The warm welcome" });
        await learner.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await learner.Locator("#text-error").WaitForAsync();
        Assert.Contains("Remove the phone number", await learner.Locator("#text-error").TextContentAsync());
        await AssertAccessibleAsync(learner);
        await learner.GetByLabel("Your note or idea").FillAsync("Call guests by name at the second visit");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await learner.ArrivedAsync(url => new Uri(url).AbsolutePath.StartsWith("/ideas/"));
        var ideaPath = new Uri(learner.Url).AbsolutePath;
        Assert.Contains("Shared. Thank you", await learner.Locator("#idea-message").TextContentAsync());

        var manager = await browser.SignedInPageAsync(managerEmail);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Ideas", Exact = true }).ClickAsync();
        await manager.ArrivedAsync(url => new Uri(url).AbsolutePath == "/ideas");
        await manager.GetByLabel("My team only").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await manager.ArrivedAsync(url => url.Contains("MyTeam=true"));
        await manager.Locator($"#ideas a[href='{ideaPath}']").ClickAsync();
        await manager.ArrivedAsync(url => new Uri(url).AbsolutePath == ideaPath);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Mark in practice" }).ClickAsync();
        await manager.ArrivedAsync(url => url.Contains("decided="));
        Assert.Contains("In practice", await manager.Locator("#idea-status").TextContentAsync());

        // The next morning, the learner's line-up tells it as a story, and the indicator counts it.
        browser.Clock.Advance(TimeSpan.FromDays(1));
        await learner.GotoAsync("/");
        await learner.GetByRole(AriaRole.Link, new() { Name = "Today's line-up (two minutes)" }).ClickAsync();
        await learner.ArrivedAsync(url => new Uri(url).AbsolutePath == "/lineup");
        var story = learner.Locator($"#stories blockquote[data-idea='{ideaPath.Split('/').Last()}']");
        Assert.Contains("Call guests by name at the second visit", await story.TextContentAsync());
        Assert.Contains("Journey Learner", await story.TextContentAsync());
        Assert.Contains("in practice since 5 January 2026", await story.TextContentAsync());
        await AssertAccessibleAsync(learner);

        await manager.GetByRole(AriaRole.Link, new() { Name = "Indicator", Exact = true }).ClickAsync();
        await manager.ArrivedAsync(url => new Uri(url).AbsolutePath == "/indicator");
        await AssertAccessibleAsync(manager);
        Assert.Equal(1, await manager.GetByRole(AriaRole.Img, new() { Name = "Ideas put into practice per month" }).CountAsync());
        var row = (await manager.Locator("#per-department-table tbody tr").AllInnerTextsAsync()).Single(r => r.StartsWith(department));
        Assert.Equal("1", row.Split('\t')[1].Trim());
        Assert.Equal("1", (await manager.Locator("#per-month-table tbody tr").Last.Locator("td").TextContentAsync())!.Trim());
        Assert.Contains("The warm welcome\t1", await manager.Locator("#per-standard-table tbody").InnerTextAsync());

        await manager.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await manager.GetByRole(AriaRole.Heading, new() { Name = "Indicateur avancé" }).WaitForAsync();
        await AssertAccessibleAsync(manager);
        Assert.Equal(1, await manager.GetByRole(AriaRole.Img, new() { Name = "Idées mises en pratique par mois" }).CountAsync());
    }

    private async Task<string> EmployeeAsync(string name, string department, string? managerEmail)
    {
        var email = $"ideas-{Guid.NewGuid():N}@academy.test";
        using var scope = browser.Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var managerId = managerEmail is null ? null : (await users.FindByEmailAsync(managerEmail))!.Id;
        var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = name, Department = department, ManagerId = managerId, PreferredLanguage = "en" };
        Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
        await users.AddToRoleAsync(employee, "Learner");
        return email;
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
