using Academy.Domain.Practice;
using Academy.Tests.Pages;
using Academy.Web.Data;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>A learner does the daily line-up on a phone held in one hand, and a manager presents the team's line-up and
/// records who attended. In Chromium, by labels and buttons; every page visited passes axe.</summary>
[Collection(HostCollection.Name)]
public sealed class LineupTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 375;

    [Fact]
    public async Task Learner_DoesTheLineupOnAPhone_AnsweringThreeQuestionsInPlace_ThenDoneForToday()
    {
        var department = $"Spa {Guid.NewGuid():N}"[..12];
        var (email, id) = await NewEmployeeAsync("Phone Learner", department);
        using (var scope = browser.Site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var quiz = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Module("refunds")!.Quiz("refund-rules")!.Default.Document;
            var now = DateTimeOffset.UtcNow;
            foreach (var step in quiz.Steps.Where(ReviewRules.IsReviewable).Take(4))
                db.ReviewItems.Add(new ReviewItem { EmployeeId = id, ModuleId = "refunds", QuizId = "refund-rules", StepId = step.Id, ContentHash = ReviewRules.StepHash(step), Due = now.AddHours(-1) });
            db.ServiceIdeas.Add(new ServiceIdea { AuthorId = id, Department = department, Kind = IdeaKind.Idea, Status = IdeaStatus.InPractice, PostedAt = now,
                InPracticeOn = DateOnly.FromDateTime(now.UtcDateTime), Text = "We keep a phone charger at the spa desk for guests who wait." });
            await db.SaveChangesAsync();
        }
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = PhoneWidth, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AcademyFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivedAsync(url => !url.Contains("/account/login"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Today's line-up (two minutes)" }).ClickAsync();
        await page.ArrivedAsync(url => new Uri(url).AbsolutePath == "/lineup");
        await AssertFitsAndAccessibleAsync(page);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#standard-title").TextContentAsync()));
        Assert.Contains("phone charger", await page.Locator("#stories").TextContentAsync());

        for (var question = 1; question <= 3; question++)
        {
            Assert.Equal($"Question {question} of 3", (await page.Locator("#question-number").TextContentAsync())!.Trim());
            await page.Locator("form.quiz .choices label").First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
            await page.ArrivedAsync(url => url.Contains("answered="));
            await page.Locator("#feedback-title").WaitForAsync();
            await page.Locator("#next-due").WaitForAsync();
        }
        Assert.Equal(0, await page.Locator("form.quiz").CountAsync());
        Assert.Contains("Today's questions are answered.", await page.Locator("#review-done").TextContentAsync());
        await AssertFitsAndAccessibleAsync(page);

        var done = page.GetByRole(AriaRole.Button, new() { Name = "Done for today" });
        var box = (await done.BoundingBoxAsync())!;
        Assert.True(box.Height >= 44 && box.Width >= PhoneWidth / 2, $"The button is {box.Width}x{box.Height} px: too small for a thumb.");
        await done.ClickAsync();
        await page.Locator("#done-message").WaitForAsync();
        Assert.Equal("1 day in a row", (await page.Locator("#streak").TextContentAsync())!.Trim());
        Assert.Equal("1 line-up this month", (await page.Locator("#month-count").TextContentAsync())!.Trim());
        await AssertFitsAndAccessibleAsync(page);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Manager_PresentsTheTeamsLineup_AndRecordsWhoAttended()
    {
        var (managerEmail, managerId) = await NewEmployeeAsync("Presenting Manager", null);
        await NewEmployeeAsync("Ada Attended", null, managerId);
        await NewEmployeeAsync("Bob Absent", null, managerId);
        var page = await browser.SignedInPageAsync(managerEmail);

        await page.GetByRole(AriaRole.Link, new() { Name = "My team" }).ClickAsync();
        await page.ArrivedAsync(url => new Uri(url).AbsolutePath == "/team");
        await page.GetByRole(AriaRole.Link, new() { Name = "Present the team's line-up" }).ClickAsync();
        await page.ArrivedAsync(url => new Uri(url).AbsolutePath == "/lineup/present");
        await AssertFitsAndAccessibleAsync(page, phone: false);
        Assert.Contains("Presenting Manager", await page.Locator(".present > .meta").First.TextContentAsync());
        var fontSize = await page.Locator("#standard-title").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(fontSize.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 36, $"The standard's title is {fontSize}: too small for a room.");

        await page.GetByLabel("Ada Attended").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        await page.ArrivedAsync(url => url.Contains("saved="));
        Assert.Equal("Attendance recorded: 1 person.", (await page.Locator("#attendance-saved").TextContentAsync())!.Trim());
        Assert.True(await page.GetByLabel("Ada Attended").IsCheckedAsync());
        Assert.False(await page.GetByLabel("Bob Absent").IsCheckedAsync());
        await AssertFitsAndAccessibleAsync(page, phone: false);
    }

    private async Task<(string Email, string Id)> NewEmployeeAsync(string name, string? department, string? managerId = null)
    {
        var email = $"lineup-browser-{Guid.NewGuid():N}@academy.test";
        using var scope = browser.Site.Services.CreateScope();
        var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = name, Department = department, ManagerId = managerId, PreferredLanguage = "en" };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().CreateAsync(employee, AcademyFactory.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (email, employee.Id);
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page, bool phone = true)
    {
        if (phone)
        {
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= PhoneWidth, $"{page.Url} is {width} px wide on a {PhoneWidth} px phone.");
        }
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
