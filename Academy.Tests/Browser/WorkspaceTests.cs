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

    [Fact]
    public async Task Trainer_WritesAProgram_SeesEachModulesStatusAsTheyType_PublishesIt_AndFindsItsPage()
    {
        var page = await browser.SignedInPageAsync("trainer@academy.test");
        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = "New program" }).ClickAsync();
        await page.ArrivedAsync(url => url.Contains("/workspace/new?kind=program", StringComparison.Ordinal));
        Assert.True(await page.GetByLabel("A program").IsCheckedAsync());
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("night-desk");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("The night desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start writing" }).ClickAsync();
        await page.ArrivedAsync(url => url.Contains("/workspace/edit?path=programs%2Fnight-desk.md", StringComparison.Ordinal));

        // The template is valid: its modules are listed, published, in order.
        Assert.Contains("No problem", await page.Locator("#preview .notice").TextContentAsync());
        Assert.Equal(2, await page.Locator("#preview .program-modules li .tag.ok").CountAsync());

        // A mistyped module id shows as unknown and as a problem on its line, while typing.
        const string text = "---\ntitle: The night desk\naudience: [Front Desk]\ndue: 14 days\n---\nFor whoever holds the desk at night.\n\n1. warm-welcome\n2. escalaton\n";
        var editor = page.GetByLabel("Markdown");
        await editor.FillAsync(text);
        await page.Locator("#preview .program-modules li .tag.bad").WaitForAsync();
        Assert.Equal("9", await page.Locator("#preview .problems [data-line]").First.GetAttributeAsync("data-line"));
        Assert.Contains("Did you mean 'escalation'?", await page.Locator("#source-line-9 .line-error").TextContentAsync());

        // Fixed: the summary says who, by when, and that no certificate is issued.
        await editor.FillAsync(text.Replace("escalaton", "escalation"));
        await page.Locator("#preview .notice.ok").WaitForAsync();
        Assert.Equal(["Assigned to these departments and job roles: Front Desk.", "To complete within 14 days of being assigned.", "No certificate."],
            (await page.Locator("#preview .program-facts li").AllTextContentsAsync()).Select(t => t.Trim()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasText = "Published as version 1" }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "The program as learners see it" }).ClickAsync();
        await page.ArrivedAsync(url => url.EndsWith("/programs/night-desk", StringComparison.Ordinal));
        Assert.Equal("The night desk", (await page.Locator("h1").TextContentAsync())!.Trim());
        Assert.Equal(2, await page.Locator("ol.steps li").CountAsync());
        Assert.Contains("Escalating to a back-office team", await page.Locator("ol.steps li").Nth(1).TextContentAsync());
    }
}
