using Academy.Tests.Pages;
using Deque.AxeCore.Playwright;

namespace Academy.Tests.Browser;

[Collection(HostCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/account/login", null)]
    [InlineData("/", "newhire@academy.test")]
    [InlineData("/catalog", "newhire@academy.test")]
    [InlineData("/modules/warm-welcome/2", "newhire@academy.test")]
    [InlineData("/programs/onboarding", "newhire@academy.test")]
    [InlineData("/modules/warm-welcome", "lea@academy.test")]
    [InlineData("/account/password", "newhire@academy.test")]
    [InlineData("/admin/employees", "admin@academy.test")]
    [InlineData("/admin/employees/new", "admin@academy.test")]
    [InlineData("/admin/content-health", "admin@academy.test")]
    [InlineData("/modules/warm-welcome/quizzes/late-arrival", "newhire@academy.test")]
    [InlineData("/workspace", "trainer@academy.test")]
    [InlineData("/workspace/new", "trainer@academy.test")]
    [InlineData("/workspace/edit?path=modules%2Fwarm-welcome%2Flate-arrival.quiz.md", "trainer@academy.test")]
    [InlineData("/workspace/versions?path=modules%2Fwarm-welcome%2Fmodule.md", "trainer@academy.test")]
    [InlineData("/workspace/guide", "trainer@academy.test")]
    public async Task Page_HasNoSeriousOrCriticalAccessibilityViolation(string url, string? email)
    {
        var page = email is null
            ? await (await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl })).NewPageAsync()
            : await browser.SignedInPageAsync(email);
        await page.GotoAsync(url);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{url}:\n{string.Join("\n", serious)}");
        await page.Context.CloseAsync();
    }
}
