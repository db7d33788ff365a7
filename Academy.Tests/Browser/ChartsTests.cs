using Academy.Domain.Assignments;
using Academy.Tests.Pages;
using Academy.Web.Data;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>HR opens the charts from the menu and narrows them to one department, in Chromium; the page passes axe in
/// English and in French, and the charts are images a screen reader can name.</summary>
[Collection(HostCollection.Name)]
public sealed class ChartsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task HrOpensTheCharts_FiltersByDepartment_AndThePagePassesAxe()
    {
        // A department of its own, so that other tests' people do not change its figures: one overdue, one completed.
        var department = $"Valet {Guid.NewGuid():N}"[..14];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SeedAsync(department, today.AddDays(-10), completed: null);
        await SeedAsync(department, today.AddDays(20), completed: DateTimeOffset.UtcNow.AddDays(-1));

        var hr = await browser.SignedInPageAsync("hr@academy.test");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/reports");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Charts", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/reports/charts");
        await AssertAccessibleAsync(hr);
        Assert.Equal(3, await hr.GetByRole(AriaRole.Img).CountAsync());
        Assert.Equal(1, await hr.GetByRole(AriaRole.Img, new() { Name = "Completion rate per department" }).CountAsync());

        await hr.GetByLabel("Department", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = department });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => url.Contains("Department="));
        await AssertAccessibleAsync(hr);
        var row = (await hr.Locator("#completion-table tbody tr").AllInnerTextsAsync()).Single();
        Assert.Equal([department, "1", "2", "50%"], row.Split('\t').Select(c => c.Trim()).ToArray());
        Assert.Equal("1", (await hr.Locator("#overdue-table tbody tr").Last.Locator("td").TextContentAsync())!.Trim());
        Assert.Equal("50%", (await hr.Locator("#completion-svg text.value").TextContentAsync())!.Trim());

        await hr.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await hr.GetByRole(AriaRole.Heading, new() { Name = "Graphiques de formation" }).WaitForAsync();
        await AssertAccessibleAsync(hr);
        Assert.Equal("50\u202F%", (await hr.Locator("#completion-svg text.value").TextContentAsync())!.Trim());
    }

    private async Task SeedAsync(string department, DateOnly due, DateTimeOffset? completed)
    {
        var email = $"charts-{Guid.NewGuid():N}@academy.test";
        var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Chart Person", Department = department, Location = "Nice" };
        using var scope = browser.Site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().CreateAsync(employee, AcademyFactory.Password);
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        db.Assignments.Add(new Assignment
        {
            EmployeeId = employee.Id, ItemKind = ItemKind.Module, ItemId = "refunds", Source = AssignmentSource.Manual, Reason = "Charts journey",
            AssignedAt = DateTimeOffset.UtcNow.AddDays(-30), DueOn = due, CompletedAt = completed,
        });
        await db.SaveChangesAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
