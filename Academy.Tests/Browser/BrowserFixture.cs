using Academy.Tests.Pages;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>The real site on Kestrel on a free loopback port, and Debian's Chromium driven by Playwright.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserFixture() : this(new AcademyFactory()) { }

    protected BrowserFixture(AcademyFactory site) => Site = site;

    public AcademyFactory Site { get; }
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Site.UseKestrel(0);
        Site.StartServer();
        BaseUrl = Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <param name="phoneWidth">A phone's screen this many pixels wide (touch, mobile viewport), instead of a desktop's.</param>
    public async Task<IPage> SignedInPageAsync(string email, string? locale = null, int? phoneWidth = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale ?? "en-US" };
        if (phoneWidth is { } width)
        {
            options.ViewportSize = new ViewportSize { Width = width, Height = 844 };
            options.IsMobile = options.HasTouch = true;
        }
        var context = await Browser.NewContextAsync(options);
        // Two shared cores and a site that compiles its pages on first use: Playwright's 30 s is too tight under load.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AcademyFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivedAsync(url => !url.Contains("/account/login"));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

/// <summary>The same on <see cref="ClockFactory"/>'s clock, for journeys that go on the next day.</summary>
public sealed class ClockBrowserFixture : BrowserFixture
{
    public ClockBrowserFixture() : this(new ClockFactory()) { }

    private ClockBrowserFixture(ClockFactory site) : base(site) => Clock = site.Clock;

    public FakeTimeProvider Clock { get; }
}

public static class PageNavigation
{
    /// <summary>
    /// Waits until the page is at an address that passes <paramref name="at"/> and its document has been parsed to the
    /// layout's footer. Playwright's WaitForURLAsync also waits for the load event, and once in CI it missed that event
    /// on a page that had loaded (a 90 s timeout after "NetworkIdle event fired"); the address and the parsed document
    /// are what a test goes on with.
    /// </summary>
    public static async Task ArrivedAsync(this IPage page, Func<string, bool> at)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!at(page.Url))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"The page stayed at {page.Url}.");
            await Task.Delay(25);
        }
        await page.Locator("body > footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
