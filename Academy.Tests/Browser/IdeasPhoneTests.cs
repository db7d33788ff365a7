using Academy.Domain.Practice;
using Academy.Tests.Pages;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>The board and an idea's page on a 390 px phone: the idea cards and the comments are plain lists, with no
/// bullet and flush with their heading, so their text has the screen's whole width.</summary>
[Collection(HostCollection.Name)]
public sealed class IdeasPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task IdeaCardsAndComments_HaveNoBullet_AndLineUpWithTheirHeading()
    {
        var department = $"Phone {Guid.NewGuid():N}"[..14];
        var (employeeId, email) = await EmployeeAsync(department);
        var id = await IdeaWithACommentAsync(employeeId, department);
        var page = await browser.SignedInPageAsync(email, phoneWidth: 390);

        await page.GotoAsync("/ideas?MyTeam=true");
        Assert.Equal("none, 0 px from the heading", await ListItemAsync(page, $"#idea-{id}", "#list-heading"));
        await page.GotoAsync($"/ideas/{id}");
        Assert.Equal("none, 0 px from the heading", await ListItemAsync(page, "#comments li", "#comments-heading"));
        await page.Context.CloseAsync();
    }

    /// <summary>The item's bullet and how far its left edge is from the heading's.</summary>
    private static Task<string> ListItemAsync(IPage page, string item, string heading) => page.EvaluateAsync<string>(
        @"([item, heading]) => {
            const li = document.querySelector(item);
            const indent = li.getBoundingClientRect().left - document.querySelector(heading).getBoundingClientRect().left;
            return getComputedStyle(li).listStyleType + ', ' + Math.round(indent) + ' px from the heading'; }",
        new[] { item, heading });

    private async Task<(string Id, string Email)> EmployeeAsync(string department)
    {
        var email = $"ideas-phone-{Guid.NewGuid():N}@academy.test";
        using var scope = browser.Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Phone Learner", Department = department, PreferredLanguage = "en" };
        Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
        await users.AddToRoleAsync(employee, "Learner");
        return (employee.Id, email);
    }

    private async Task<int> IdeaWithACommentAsync(string authorId, string department)
    {
        using var scope = browser.Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var idea = new ServiceIdea { AuthorId = authorId, Department = department, Kind = IdeaKind.Idea, Text = "Keep umbrellas at the door for guests arriving in the rain", PostedAt = DateTimeOffset.UtcNow };
        db.ServiceIdeas.Add(idea);
        await db.SaveChangesAsync();
        db.IdeaComments.Add(new IdeaComment { IdeaId = idea.Id, AuthorId = authorId, Text = "Tried at the spa entrance too", PostedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return idea.Id;
    }
}
