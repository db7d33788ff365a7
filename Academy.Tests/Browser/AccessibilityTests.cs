using Academy.Tests.Pages;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

[Collection(HostCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;

    [Theory]
    [InlineData("/account/login", null)]
    [InlineData("/", "newhire@academy.test")]
    [InlineData("/catalog", "newhire@academy.test")]
    [InlineData("/modules/warm-welcome/2", "newhire@academy.test")]
    [InlineData("/programs/onboarding", "newhire@academy.test")]
    [InlineData("/modules/warm-welcome", "lea@academy.test")]
    [InlineData("/", "lea@academy.test")]
    [InlineData("/programs/onboarding", "lea@academy.test")]
    [InlineData("/modules/complaint-recovery/quizzes/cold-dinner", "lea@academy.test")]
    [InlineData("/account/password", "newhire@academy.test")]
    [InlineData("/admin/employees", "admin@academy.test")]
    [InlineData("/admin/employees/new", "admin@academy.test")]
    [InlineData("/admin/content-health", "admin@academy.test")]
    [InlineData("/modules/warm-welcome/quizzes/late-arrival", "newhire@academy.test")]
    [InlineData("/workspace", "trainer@academy.test")]
    [InlineData("/workspace/new", "trainer@academy.test")]
    [InlineData("/workspace/edit?path=modules%2Fwarm-welcome%2Flate-arrival.quiz.md", "trainer@academy.test")]
    [InlineData("/workspace/edit?path=modules%2Fwarm-welcome%2Fmodule.md", "trainer@academy.test")]
    [InlineData("/workspace/versions?path=modules%2Fwarm-welcome%2Fmodule.md", "trainer@academy.test")]
    [InlineData("/workspace/guide", "trainer@academy.test")]
    [InlineData("/workspace/media/warm-welcome", "trainer@academy.test")]
    public async Task Page_HasNoAccessibilityViolation(string url, string? email)
    {
        var page = email is null
            ? await (await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl })).NewPageAsync()
            : await browser.SignedInPageAsync(email);
        await page.GotoAsync(url);

        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/account/login", null)]
    [InlineData("/", "newhire@academy.test")]
    [InlineData("/catalog", "newhire@academy.test")]
    [InlineData("/modules/warm-welcome/2", "newhire@academy.test")]
    [InlineData("/programs/onboarding", "lea@academy.test")]
    [InlineData("/modules/warm-welcome/quizzes/late-arrival", "newhire@academy.test")]
    [InlineData("/admin/employees", "admin@academy.test")]
    [InlineData("/admin/content-health", "admin@academy.test")]
    [InlineData("/workspace", "trainer@academy.test")]
    [InlineData("/workspace/edit?path=modules%2Fwarm-welcome%2Fmodule.md", "trainer@academy.test")]
    public async Task Page_FitsAPhoneWithoutScrollingSideways(string url, string? email)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl, ViewportSize = new() { Width = PhoneWidth, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        if (email is not null) await SignInAsync(page, email);
        await page.GotoAsync(url);

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        var wide = width <= PhoneWidth ? [] : await page.EvaluateAsync<string[]>(
            @"width => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll, .preview-pane'))
                .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))",
            PhoneWidth);
        Assert.True(width <= PhoneWidth, $"{url} is {width} px wide on a {PhoneWidth} px phone; too wide: {string.Join(", ", wide)}");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Editor_ShowsTheMarkdownInAMonospacedFont()
    {
        var page = await browser.SignedInPageAsync("trainer@academy.test");
        await page.GotoAsync("/workspace/edit?path=modules%2Fwarm-welcome%2Fmodule.md");

        var font = await page.Locator("textarea#Markdown").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        var widths = await page.EvaluateAsync<double[]>(
            @"() => ['iiiiiiiiii', 'MMMMMMMMMM'].map(text => {
                const probe = document.createElement('span');
                probe.style.font = getComputedStyle(document.querySelector('textarea#Markdown')).font;
                probe.textContent = text;
                document.body.append(probe);
                const width = probe.getBoundingClientRect().width;
                probe.remove();
                return width; })");

        Assert.Contains("monospace", font);
        Assert.Equal(widths[0], widths[1], 0.5);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AcademyFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivedAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
