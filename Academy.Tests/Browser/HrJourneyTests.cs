using System.Globalization;
using Academy.Domain.Assignments;
using Academy.Tests.Pages;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>HR rolls training out to a department with a preview, a learner of that department finds it on My learning,
/// and a manager nudges a team member who reads the notice. In Chromium, with labels and buttons as a person uses them;
/// every page visited answers 200 and passes axe.</summary>
[Collection(HostCollection.Name)]
public sealed class HrJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Module = "Processing a refund correctly";

    [Fact]
    public async Task HrAssignsAModuleToBilling_WithAPreview_OmarSeesItDue_AndAManagersNudgeIsReadByTheTeamMember()
    {
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45);
        var dueText = due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en"));

        // 1. HR: a new rule, previewed before it is saved.
        var hr = await browser.SignedInPageAsync("hr@academy.test");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assignments", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/assignments");
        await AssertAccessibleAsync(hr);
        var rules = hr.Locator("#rules tbody tr");
        Assert.Equal(0, await rules.Filter(new() { HasTextString = Module }).CountAsync());

        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign training" }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/assignments/edit");
        await AssertAccessibleAsync(hr);
        await hr.GetByLabel("Program or module").SelectOptionAsync(new SelectOptionValue { Label = Module });
        await hr.GetByLabel("everyone", new() { Exact = true }).UncheckAsync();
        await hr.GetByLabel("Departments (comma separated)").FillAsync("Billing");
        await hr.GetByLabel("Due", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "On a date" });
        await hr.GetByLabel("Due date", new() { Exact = true }).FillAsync(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await hr.GetByLabel("Why", new() { Exact = true }).FillAsync("Billing handles refunds");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await hr.Locator("#preview").WaitForAsync();
        await AssertAccessibleAsync(hr);
        Assert.Equal("1", (await hr.Locator("#gain-count").TextContentAsync())!.Trim());
        Assert.Equal("0", (await hr.Locator("#loss-count").TextContentAsync())!.Trim());
        Assert.Equal(new[] { "Omar Haddad" }, (await hr.Locator("#gains li").AllTextContentsAsync()).Select(n => n.Trim()).ToArray());

        await hr.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/assignments");
        await AssertAccessibleAsync(hr);
        var rule = rules.Filter(new() { HasTextString = Module });
        Assert.Equal(1, await rule.CountAsync());
        var cells = (await rule.Locator("td").AllTextContentsAsync()).Select(c => c.Trim()).ToArray();
        Assert.Equal(new[] { "department: Billing", dueText, "Billing handles refunds" }, cells[1..4]);

        // The recurring assignment sync applies saved rules; here it runs once, as its schedule would.
        using (var scope = browser.Site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AssignmentSyncJob>().RunAsync(CancellationToken.None);
        await VisitAsync(hr, "/assignments");
        Assert.Equal("1", (await rule.Locator("td").Nth(4).TextContentAsync())!.Trim());

        // 2. Omar, in Billing, finds it on My learning with its due date.
        var omar = await browser.SignedInPageAsync("omar@academy.test");
        await VisitAsync(omar, "/");
        var assigned = omar.Locator("#assignments tbody tr").Filter(new() { HasTextString = Module });
        Assert.Equal(1, await assigned.CountAsync());
        Assert.Equal(dueText, (await assigned.Locator(".due").TextContentAsync())!.Trim());
        await omar.Context.CloseAsync();

        // 3. The Front Desk manager nudges Sam from My team.
        var manager = await browser.SignedInPageAsync("manager@academy.test");
        await manager.GetByRole(AriaRole.Link, new() { Name = "My team" }).ClickAsync();
        await manager.ArrivedAsync(url => new Uri(url).AbsolutePath == "/team");
        await AssertAccessibleAsync(manager);
        Assert.Contains("Léa Moreau", await manager.Locator("#team").TextContentAsync());
        var samsOnboarding = manager.Locator("#team tbody tr").Filter(new() { HasTextString = "Sam Rivera" }).Filter(new() { HasTextString = "Onboarding" });
        Assert.True(await samsOnboarding.CountAsync() == 1, await manager.Locator("main").InnerTextAsync());
        await samsOnboarding.GetByRole(AriaRole.Button, new() { Name = "Send a nudge" }).ClickAsync();
        await manager.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "Reminder sent." }).WaitForAsync();
        await AssertAccessibleAsync(manager);

        // Sam sees the count in the header, reads the notice and marks it read: the count goes away.
        var sam = await browser.SignedInPageAsync("newhire@academy.test");
        await VisitAsync(sam, "/");
        Assert.Equal("1 unread", (await sam.Locator("#unread-count").TextContentAsync())!.Trim());
        await sam.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await sam.ArrivedAsync(url => new Uri(url).AbsolutePath == "/notifications");
        await AssertAccessibleAsync(sam);
        var notice = sam.Locator("#notices li.unread");
        Assert.Equal(1, await notice.CountAsync());
        Assert.StartsWith("A reminder to complete “Onboarding”, due on ", (await notice.Locator("a").TextContentAsync())!.Trim());
        await notice.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await sam.Locator("#notices li.unread").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await AssertAccessibleAsync(sam);
        Assert.Equal(0, await sam.Locator("#unread-count").CountAsync());
        Assert.Contains("Onboarding", await sam.Locator("#notices").TextContentAsync());
    }

    [Fact]
    public async Task HrFiltersTheCompletionReportByDepartment_ExportsItAsXlsxAndCsv_AndSeesTheRollupsMoveAfterACompletion()
    {
        // Two employees of a department of this test's own, so the report's rows are known whatever ran before; both
        // have the refunds module to do.
        var department = $"Spa {Guid.NewGuid():N}"[..12];
        var (ivo, ivoEmail) = await browser.Site.NewEmployeeAsync("Ivo Report", department: department);
        var (jane, janeEmail) = await browser.Site.NewEmployeeAsync("Jane Report", department: department);
        using (var scope = browser.Site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            foreach (var id in new[] { ivo, jane })
                db.Assignments.Add(new Assignment { EmployeeId = id, ItemKind = ItemKind.Module, ItemId = "refunds", Source = AssignmentSource.Manual, Reason = "Spa desk refunds",
                    AssignedAt = DateTimeOffset.UtcNow, DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<TrainingCountsJob>().RunAsync(CancellationToken.None);
        }

        var hr = await browser.SignedInPageAsync("hr@academy.test");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/reports");
        await AssertAccessibleAsync(hr);
        await hr.GetByLabel("Department", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = department });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => url.Contains("Department=", StringComparison.Ordinal));
        await AssertAccessibleAsync(hr);
        var report = hr.Url;
        Assert.Equal("2 employees match the filters.", (await hr.Locator("#employee-count").TextContentAsync())!.Trim());
        var names = (await hr.Locator("#report tbody th[scope=row]").AllTextContentsAsync()).Select(n => n.Trim()).ToArray();
        Assert.Equal(new[] { "Ivo Report", "Jane Report" }, names);

        var xlsx = await hr.RunAndWaitForDownloadAsync(() => hr.GetByRole(AriaRole.Button, new() { Name = "Export XLSX" }).ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(await xlsx.PathAsync(), false))
        {
            var texts = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().Select(t => t.Text).ToList();
            Assert.Contains(ivoEmail, texts);
            Assert.Contains(janeEmail, texts);
            Assert.DoesNotContain("omar@academy.test", texts);
        }
        var csv = await hr.RunAndWaitForDownloadAsync(() => hr.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await csv.PathAsync(), System.Text.Encoding.UTF8)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains(ivoEmail, StringComparison.Ordinal) && l.Contains(department, StringComparison.Ordinal));

        await VisitAsync(hr, "/reports/exports");
        Assert.Contains(department, await hr.Locator("#exports tbody tr").First.TextContentAsync());

        // The rollups, from the filtered report: the department's two modules to do, none done yet.
        await VisitAsync(hr, report);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Rollups by department and manager" }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/reports/rollups");
        await AssertAccessibleAsync(hr);
        async Task<string[]> FiguresAsync(IPage page) => (await page.Locator("#by-department tbody tr").Filter(new() { HasTextString = department }).Locator("td").AllTextContentsAsync())
            .Select(c => c.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim()).ToArray();
        Assert.Equal(new[] { "2", "2", "0%", "0%" }, await FiguresAsync(hr));

        // Ivo completes the module; the counts job (every five minutes) counts him again; HR reloads: one of two done.
        using (var scope = browser.Site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = ivo, ModuleId = "refunds", Sequence = 1, ModuleVersion = 1, CompletedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<TrainingCountsJob>().RunAsync(CancellationToken.None);
        }
        await hr.ReloadAsync();
        await AssertAccessibleAsync(hr);
        Assert.Equal(new[] { "2", "2", "50%", "0%" }, await FiguresAsync(hr));

        // The same page in French on a 390 px phone: French headings and figures, no sideways scroll.
        var phone = await browser.SignedInPageAsync("hr@academy.test", phoneWidth: 390);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await phone.Locator("html[lang=fr]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await VisitAsync(phone, $"/reports/rollups?Department={Uri.EscapeDataString(department)}");
        Assert.Equal("Synthèse par service et par responsable", (await phone.Locator("h1").TextContentAsync())!.Trim());
        Assert.Equal("Taux de réalisation", (await phone.Locator("#by-department thead th").Nth(3).TextContentAsync())!.Trim());
        Assert.Equal(new[] { "2", "2", "50 %", "0 %" }, await FiguresAsync(phone));
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "The rollups scroll sideways on a 390 px phone.");
        // The choice is kept on HR's account: back to English for the other journeys of this site.
        await phone.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await phone.Locator("html[lang=en]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task HrImportsASmallCsv_SeesTheBadRowByRowAndColumn_FixesIt_AppliesIt_AndSeesTheEmployees()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        // A department of this test's own: the assignment journey counts Billing's people.
        var department = $"Imports {u}";
        string Csv(string secondEmail) => $"Employee number;Email;Name;Department;Manager\nJ1-{u};ada-{u}@academy.test;Ada Lane;{department};\nJ2-{u};{secondEmail};Bo Reyes;{department};J1-{u}\n";

        var hr = await browser.SignedInPageAsync("hr@academy.test");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Import employees", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/import");
        await AssertAccessibleAsync(hr);

        // 1. A file with one bad row: the preview names row 3, column Email, and offers no Apply.
        await hr.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(Csv("bo-at-academy.test")) });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "^/import/[0-9]+$"));
        await AssertAccessibleAsync(hr);
        var error = (await hr.Locator("#import-errors tbody tr td").AllTextContentsAsync()).Select(c => c.Trim()).ToArray();
        Assert.Equal(new[] { "3", "Email", "“bo-at-academy.test” is not an email address." }, error);
        Assert.Equal(0, await hr.Locator("#apply").CountAsync());

        // 2. The corrected file: two to create, applied in the background.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Back to the imports" }).First.ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/import");
        await hr.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(Csv($"bo-{u}@academy.test")) });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "^/import/[0-9]+$"));
        Assert.Equal("2", (await hr.Locator("#count-create").TextContentAsync())!.Trim());
        Assert.Equal("0", (await hr.Locator("#count-errors").TextContentAsync())!.Trim());
        var id = int.Parse(new Uri(hr.Url).AbsolutePath.Split('/')[^1]);
        // The running page reloads itself every 2 s through site.js, which would cut axe and the visit below short:
        // without the script it still works, with its "Refresh now" link.
        await hr.RouteAsync("**/js/site.js*", route => route.AbortAsync());
        await hr.GetByRole(AriaRole.Button, new() { Name = "Apply this file" }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == $"/import/{id}/progress");
        await AssertAccessibleAsync(hr);

        // No Hangfire server in tests: the job runs here, as the server would run it.
        using (var scope = browser.Site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Academy.Web.Import.EmployeeImportJob>().RunAsync(id, CancellationToken.None);
        await VisitAsync(hr, $"/import/{id}/progress");
        Assert.Contains("2 created", await hr.Locator("#import-done").TextContentAsync());
        var people = await hr.Locator("#imported-employees tbody tr").AllTextContentsAsync();
        Assert.Contains(people, p => p.Contains("Ada Lane") && p.Contains(department));
        Assert.Contains(people, p => p.Contains("Bo Reyes") && p.Contains("Ada Lane"));
    }

    private static async Task VisitAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Status: 200 }, $"GET {url}: {response?.Status}");
        await AssertAccessibleAsync(page);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
