using Academy.Tests.Pages;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

[Collection(HostCollection.Name)]
public sealed class ReadingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NewHire_OpensAModule_MovesToTheSecondLesson_AndSeesTheProgress()
    {
        var page = await browser.SignedInPageAsync("newhire@academy.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the module" }).ClickAsync();
        await page.ArrivedAsync(url => new Uri(url).AbsolutePath.StartsWith("/modules/", StringComparison.Ordinal));
        var progress = page.Locator("#module-progress");
        var total = (await page.Locator("ol.lessons li").CountAsync()).ToString();
        // Opening a lesson records nothing: moving on with its Next button does.
        Assert.StartsWith($"0 of {total} lessons read · 0 of 1 quiz passed", (await progress.TextContentAsync())!.Trim());

        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.ArrivedAsync(url => new Uri(url).AbsolutePath.EndsWith("/2", StringComparison.Ordinal));

        Assert.StartsWith($"1 of {total} lessons read", (await progress.TextContentAsync())!.Trim());
        Assert.Equal("Lesson 2 of " + total, (await page.Locator("article.lesson > p.meta").TextContentAsync())!.Trim());
        Assert.Equal(1, await page.Locator("ol.lessons .read").CountAsync());
        var title = (await page.Locator("h1").TextContentAsync())!.Trim();
        await page.GotoAsync("/catalog");
        var card = page.Locator(".grid > li").Filter(new() { HasText = title });
        Assert.Equal("In progress", (await card.Locator(".state").TextContentAsync())!.Trim());
    }

    [Fact]
    public async Task LanguageSwitcher_TurnsTheSiteToFrench_WithTheKeyboard()
    {
        var page = await browser.SignedInPageAsync("hr@academy.test");

        await page.GotoAsync("/catalog?kind=technical");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("html[lang=fr]");

        // Back on the same page, query included.
        Assert.EndsWith("/catalog?kind=technical", page.Url);
        Assert.Equal("Accueil", (await page.Locator("nav.bar .menu a").First.TextContentAsync())!.Trim());
        Assert.Equal("true", await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).GetAttributeAsync("aria-current"));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]");
    }
}
