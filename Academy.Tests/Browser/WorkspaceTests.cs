using Academy.Tests.Pages;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

[Collection(HostCollection.Name)]
public sealed class WorkspaceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Trainer_WritesAScenario_SeesTheLivePreviewAndTheErrorOnItsLine_AndPublishes()
    {
        var page = await browser.SignedInPageAsync("trainer@academy.test");
        await page.GotoAsync("/workspace/new");
        await page.GetByLabel("A judgment scenario").CheckAsync();
        await page.GetByLabel("Module (for a scenario").SelectOptionAsync("listen-first");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("quiet-complaint");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("The quiet complaint");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start writing" }).ClickAsync();
        await page.ArrivedAsync(url => url.Contains("/workspace/edit?path=", StringComparison.Ordinal));

        // The template is valid: the preview plays it.
        Assert.Contains("No problem", await page.Locator("#preview .notice").TextContentAsync());
        await page.Locator("#preview .preview-step:not([hidden]) button.choice").First.ClickAsync();
        Assert.True(await page.Locator("#preview .preview-step:not([hidden]) .feedback:not([hidden])").First.IsVisibleAsync());

        // Break a jump while typing: the problem appears, on its line, without saving.
        var editor = page.GetByLabel("Markdown");
        var text = await editor.InputValueAsync();
        var brokenLine = text.Split('\n').ToList().FindIndex(l => l.Contains("-> recover")) + 1;
        await editor.FillAsync(text.Replace("-> recover", "-> recovr"));
        await page.Locator("#preview .problems").WaitForAsync();
        Assert.Equal(brokenLine.ToString(), await page.Locator("#preview .problems [data-line]").First.GetAttributeAsync("data-line"));
        Assert.Contains("recover", await page.Locator($"#source-line-{brokenLine} .line-error").TextContentAsync());

        // Fix it, publish, and the scenario is online.
        await editor.FillAsync(text.Replace("The situation", "A guest who does not complain"));
        await page.Locator("#preview .notice.ok").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasText = "Published as version 1" }).WaitForAsync();

        await page.GotoAsync("/modules/listen-first/quizzes/quiet-complaint");
        Assert.Equal("The quiet complaint", (await page.Locator("h1").TextContentAsync())!.Trim());
    }
}
