using Academy.Tests.Pages;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>Each role's main pages on a 390 px phone, in French: every page answers 200, fits the phone without
/// scrolling sideways (a wide table scrolls inside its own box), and shows none of the site's English words outside
/// content marked <c>lang="en"</c> (a module or standard with no French version is shown in English, and says so).</summary>
[Collection(HostCollection.Name)]
public sealed class PhoneFrenchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;

    /// <summary>Words of the site's own English text, none of which is a French word or in a content title.</summary>
    private static readonly string[] EnglishWords =
        ["your", "with", "days", "department", "Share", "Due", "Status", "Open", "Save", "Edit", "Filter", "Employees", "Overdue", "Sign out", "AND", "OR", "after hire"];

    public static TheoryData<string, string[]> Pages => new()
    {
        { "newhire@academy.test", ["/", "/catalog", "/programs/onboarding", "/lineup", "/passport", "/ideas", "/certificates", "/review", "/notifications"] },
        { "manager@academy.test", ["/team", "/lineup/present", "/indicator", "/passport/heat-map", "/passport/standards/keep-promises", "/reports", "/reports/rollups", "/reports/employee/{newhire}"] },
        { "trainer@academy.test", ["/workspace", "/workspace/new", "/workspace/versions?path=modules%2Fescalation%2Fthe-missing-parcel.quiz.md", "/admin/content-health"] },
        { "hr@academy.test", ["/import", "/assignments", "/assignments/manual", "/assignments/overdue", "/certificates/manage", "/reports/charts", "/reports/subscriptions", "/reports/exports"] },
        { "admin@academy.test", ["/admin/employees", "/admin/operations", "/admin/mail"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task MainPages_InFrench_FitAPhone_AndSpeakFrench(string email, string[] urls)
    {
        // The tests run no job server: assign the programs to their audiences as the recurring job would, so the
        // pages show the tables of a working day rather than their empty states.
        using (var scope = browser.Site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AssignmentSyncJob>().RunAsync(CancellationToken.None);
        var newhire = await NewhireIdAsync();

        var page = await browser.SignedInPageAsync(email, phoneWidth: PhoneWidth);
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await page.Locator("html[lang=fr]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var problems = new List<string>();
        foreach (var url in urls.Select(u => u.Replace("{newhire}", newhire)))
        {
            var response = await page.GotoAsync(url);
            if (response?.Status != 200) { problems.Add($"{url}: {response?.Status}"); continue; }
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > PhoneWidth) problems.Add($"{url}: {width} px wide, {string.Join(", ", await WidestAsync(page))}");
            var english = await page.EvaluateAsync<string[]>(
                @"words => {
                    const body = document.body.cloneNode(true);
                    body.querySelectorAll('[lang]:not([lang^=fr]), script, style, [hidden]').forEach(e => e.remove());
                    const text = body.innerText;
                    return words.filter(w => new RegExp('(^|[^\\p{L}])' + w + '($|[^\\p{L}])', 'u').test(text)); }",
                EnglishWords);
            if (english.Length > 0) problems.Add($"{url}: English {string.Join(", ", english.Select(w => $"“{w}”"))}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    private async Task<string> NewhireIdAsync()
    {
        using var scope = browser.Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return await db.Users.Where(u => u.Email == "newhire@academy.test").Select(u => u.Id).SingleAsync();
    }

    /// <summary>The elements that reach past the phone's edge outside a scrolling box, to say what to fix.</summary>
    private static Task<string[]> WidestAsync(IPage page) => page.EvaluateAsync<string[]>(
        @"width => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll, .chart-scroll, .preview-pane'))
            .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right))",
        PhoneWidth);
}
