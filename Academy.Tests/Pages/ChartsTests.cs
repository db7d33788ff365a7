using System.Net;
using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Web.Data;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The charts page against records seeded with known dates, on a fake clock (Monday 5 January 2026, 08:00 UTC).</summary>
[Collection(HostCollection.Name)]
public sealed class ChartsTests
{
    private static readonly DateTimeOffset Nov1 = At(2025, 11, 1);

    [Fact]
    public async Task Charts_ShowTheNumbersOfTheRecords_AsSvgWithTitleAndDescription_AndAsTables()
    {
        using var site = new ClockFactory();
        var e1 = await NewEmployeeAsync(site, "Concierge", "Nice");
        var e2 = await NewEmployeeAsync(site, "Concierge", "Nice");
        var e3 = await NewEmployeeAsync(site, "Concierge", "Nice");
        var e4 = await NewEmployeeAsync(site, "Concierge", "Nice");
        await SeedAsync(site, db =>
        {
            // Overdue from 20 November until its completion on 10 December.
            db.Assignments.Add(Assign(e1, "refunds", Nov1, Day(2025, 11, 20), completed: At(2025, 12, 10)));
            // Overdue since 1 December, still open.
            db.Assignments.Add(Assign(e2, "refunds", Nov1, Day(2025, 12, 1)));
            // Not due yet.
            db.Assignments.Add(Assign(e3, "refunds", Nov1, Day(2026, 2, 1)));
            // Completed before its due date: never overdue.
            db.Assignments.Add(Assign(e4, "warm-welcome", Nov1, Day(2025, 12, 15), completed: At(2025, 12, 1)));
            // Overdue from 1 December until it was removed on 20 December; a removed assignment is not in the rate.
            db.Assignments.Add(Assign(e4, "refunds", Nov1, Day(2025, 12, 1), removed: At(2025, 12, 20)));
            db.ModuleCompletions.Add(Completion(e1, "refunds", At(2025, 12, 10), expires: At(2026, 6, 1)));
            db.ModuleCompletions.Add(Completion(e4, "warm-welcome", At(2025, 12, 1), expires: null));
            // Expired on 1 January: no longer current on listen-first and own-the-problem.
            db.ModuleCompletions.Add(Completion(e2, "listen-first", At(2025, 6, 1), expires: At(2026, 1, 1)));
        });

        var hr = await site.SignInAsync("hr@academy.test");
        var page = await hr.GetDocumentAsync("/reports/charts?Department=Concierge");
        Assert.Contains("4 people in this selection.", page.QuerySelector("#scope")!.TextContent);

        // Completion: 2 of the 4 current assignments (the removed one left out).
        Assert.Equal([["Concierge", "2", "4", "50%"]], Rows(page, "#completion-table"));
        var completionSvg = Svg(page, "completion");
        Assert.Equal(["50%"], Values(completionSvg));
        Assert.Equal("120", completionSvg.QuerySelector("rect.fill")!.GetAttribute("width")); // half the 240-unit track

        // Overdue at the end of each week, oldest first: Sundays 26 October … 4 January, then now.
        int[] expected = [0, 0, 0, 0, 1, 1, 3, 2, 1, 1, 1, 1];
        var weeks = Rows(page, "#overdue-table");
        Assert.Equal(12, weeks.Length);
        Assert.Equal("26 October 2025", weeks[0][0]);
        Assert.Equal("7 December 2025", weeks[6][0]);
        Assert.Equal("Now (5 January 2026)", weeks[11][0]);
        Assert.Equal(expected.Select(n => n.ToString()).ToArray(), weeks.Select(w => w[1]).ToArray());
        Assert.Equal(expected.Select(n => n.ToString()).ToArray(), Values(Svg(page, "overdue")));

        // Coverage, by the passport's rule: current on a standard when every module that teaches it is completed and not
        // expired. Only e4 is, on the warm welcome (its one module, never expiring); e1's refunds is one of the modules
        // of two standards, e2's listen-first has expired.
        var coverage = Rows(page, "#coverage-table");
        var header = page.QuerySelectorAll("#coverage-table thead th").Select(h => h.TextContent.Trim()).ToArray();
        Assert.Equal(["Department", "The warm welcome", "Listen before acting", "Own the problem", "Keep every promise",
            "Remember preferences", "Right first time", "Serve the front line", "Initiative within limits"], header);
        Assert.Equal([["Concierge (4 people)", "25%", "0%", "0%", "0%", "0%", "0%", "0%", "0%"]], coverage);
        var heat = Svg(page, "coverage");
        Assert.Equal(coverage[0][1..], Values(heat)[..8]);
        // 25 % falls in the second shade (20–39 %), 0 % in the first.
        Assert.Single(heat.QuerySelectorAll("rect.cell.shade-1"));
        Assert.Equal(7, heat.QuerySelectorAll("rect.cell.shade-0").Length);

        // Every chart is an image named by its title and described, in the same words as the section's heading.
        foreach (var id in new[] { "completion", "overdue", "coverage" })
        {
            var svg = Svg(page, id);
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.Equal($"{id}-title {id}-desc", svg.GetAttribute("aria-labelledby"));
            Assert.Equal(page.QuerySelector($"#{id}-heading")!.TextContent, svg.QuerySelector("title")!.TextContent);
            Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("desc")!.TextContent));
        }

        // In French: the same numbers, with a narrow no-break space before the percent sign.
        await hr.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/reports/charts" }, "/");
        var french = await hr.GetDocumentAsync("/reports/charts?Department=Concierge");
        Assert.Equal("Taux de réalisation par service", french.QuerySelector("#completion-heading")!.TextContent);
        Assert.Equal([["Concierge", "2", "4", "50\u202F%"]], Rows(french, "#completion-table"));
        Assert.Equal(["50\u202F%"], Values(Svg(french, "completion")));
        Assert.Contains("Concierge (4 personnes)", french.QuerySelector("#coverage-table tbody th")!.TextContent);
    }

    [Fact]
    public async Task Charts_ShowAManagerOnlyTheirReports_DirectAndIndirect_AndALearnerGets403()
    {
        using var site = new ClockFactory();
        var boss = await NewEmployeeAsync(site, "Housekeeping", "Nice");
        var direct = await NewEmployeeAsync(site, "Housekeeping", "Nice", managerId: boss);
        var indirect = await NewEmployeeAsync(site, "Spa", "Cannes", managerId: direct);
        var outsider = await NewEmployeeAsync(site, "Kitchen", "Nice");
        await SeedAsync(site, db =>
        {
            foreach (var id in new[] { direct, indirect, outsider, boss })
                db.Assignments.Add(Assign(id, "refunds", Nov1, Day(2025, 12, 1)));
            db.Assignments.Add(Assign(indirect, "warm-welcome", Nov1, Day(2025, 12, 1), completed: At(2025, 11, 20)));
        });

        var manager = await site.SignInAsync(EmailOf(boss));
        var page = await manager.GetDocumentAsync("/reports/charts");
        Assert.Contains("Your reports, direct and indirect.", page.QuerySelector("#scope")!.TextContent);
        Assert.Contains("2 people in this selection.", page.QuerySelector("#scope")!.TextContent);
        // Neither the manager's own assignment nor the outsider's counts.
        Assert.Equal([["Housekeeping", "0", "1", "0%"], ["Spa", "1", "2", "50%"]], Rows(page, "#completion-table"));
        Assert.Equal("2", Rows(page, "#overdue-table")[^1][1]);
        Assert.Equal(["Housekeeping", "Spa"], page.QuerySelectorAll("#Department option").Skip(1).Select(o => o.TextContent).ToArray());
        Assert.NotNull((await manager.GetDocumentAsync("/reports")).QuerySelector("a[href='/reports/charts']"));

        var filtered = await manager.GetDocumentAsync("/reports/charts?Location=Cannes");
        Assert.Equal([["Spa", "1", "2", "50%"]], Rows(filtered, "#completion-table"));
        // Another department, outside the team: nobody, rather than someone else's people.
        var outside = await manager.GetDocumentAsync("/reports/charts?Department=Kitchen");
        Assert.Contains("0 people in this selection.", outside.QuerySelector("#scope")!.TextContent);
        Assert.NotNull(outside.QuerySelector("#completion-empty"));

        var learner = await site.SignInAsync(EmailOf(outsider));
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync("/reports/charts")).StatusCode);
        Assert.Null((await learner.GetDocumentAsync("/")).QuerySelector("a[href='/reports/charts']"));
    }

    private static string[][] Rows(IDocument page, string table) =>
        page.QuerySelectorAll($"{table} tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();

    private static IElement Svg(IDocument page, string id) => page.QuerySelector($"#{id}-svg")!;

    private static string[] Values(IElement svg) => svg.QuerySelectorAll("text.value").Select(t => t.TextContent).ToArray();

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    private static string EmailOf(string id) => $"{id}@charts.test";

    private static Assignment Assign(string employeeId, string moduleId, DateTimeOffset assigned, DateOnly due,
        DateTimeOffset? completed = null, DateTimeOffset? removed = null) => new()
    {
        EmployeeId = employeeId, ItemKind = ItemKind.Module, ItemId = moduleId, Source = AssignmentSource.Manual, Reason = "Charts test",
        AssignedAt = assigned, DueOn = due, CompletedAt = completed, RemovedAt = removed,
    };

    private static ModuleCompletion Completion(string employeeId, string moduleId, DateTimeOffset completed, DateTimeOffset? expires) => new()
    {
        EmployeeId = employeeId, ModuleId = moduleId, Sequence = 1, ModuleVersion = 1, CompletedAt = completed, ExpiresAt = expires,
    };

    /// <summary>An employee with a unique email (<see cref="EmailOf"/> their id) and the demo password.</summary>
    private static async Task<string> NewEmployeeAsync(ClockFactory site, string department, string location, string? managerId = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var employee = new Employee
        {
            Id = id, UserName = EmailOf(id), Email = EmailOf(id), EmailConfirmed = true, FullName = $"Person {id[..6]}",
            Department = department, Location = location, ManagerId = managerId,
        };
        using var scope = site.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().CreateAsync(employee, AcademyFactory.Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return id;
    }

    private static async Task SeedAsync(ClockFactory site, Action<AcademyDbContext> seed)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        seed(db);
        await db.SaveChangesAsync();
    }
}
