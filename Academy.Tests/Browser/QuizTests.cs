using Academy.Tests.Pages;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

[Collection(HostCollection.Name)]
public sealed class QuizTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Learner_PlaysAScenarioToTheEnd_WithTheKeyboard_AndSeesTheReview()
    {
        var page = await browser.SignedInPageAsync("omar@academy.test");
        await page.GotoAsync("/modules/complaint-recovery/quizzes/cold-dinner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();

        var decisions = 0;
        await Axe.AssertAccessibleAsync(page);
        while (await page.Locator("input[name=stepId]").CountAsync() > 0)
        {
            Assert.Equal(0, await page.Locator(".feedback").CountAsync());
            // Keyboard only: focus the first choice, pick it with Space, submit with Enter.
            await page.Locator("input[name=picks]").First.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await page.Keyboard.PressAsync("Enter");
            await page.ArrivedAsync(url => url.Contains("after=", StringComparison.Ordinal));
            Assert.True(await page.Locator("#feedback-title").IsVisibleAsync());
            if (decisions == 0) await Axe.AssertAccessibleAsync(page);
            decisions++;
            await page.Locator("section a.button").ClickAsync();
        }

        Assert.True(await page.Locator("#result-title").IsVisibleAsync());
        Assert.Matches(@"\d+%", await page.Locator(".score").TextContentAsync());
        Assert.Equal(decisions, await page.Locator(".review > li").CountAsync());
        await Axe.AssertAccessibleAsync(page);
    }
}
