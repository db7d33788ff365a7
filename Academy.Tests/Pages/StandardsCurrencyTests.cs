using System.Globalization;
using Academy.Domain.Practice;
using Academy.Web.Charts;
using Academy.Web.Data;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Who is current on a standard, one rule for every page that counts it: the passport heat map, the HR charts'
/// coverage and the leading indicator's training currency give the numbers the passport's rule gives, person by
/// person, on varied records (latest completions expired, renewed, never expiring; a deactivated person; an indirect
/// report; no department).</summary>
[Collection(HostCollection.Name)]
public sealed class StandardsCurrencyTests(AcademyFactory factory)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task HeatMapChartsAndIndicator_GiveTheCountOfThePassportsRule_PersonByPerson()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (managerId, managerEmail) = await EmployeeAsync($"Direction {suffix}", null, password: true);
        string?[] departments = [$"Front {suffix}", $"Spa {suffix}", $"Desk {suffix}", null];
        var random = new Random(12);
        var now = DateTimeOffset.UtcNow;
        var content = factory.Services.GetRequiredService<ContentCatalog>().Current;
        var modules = content.Modules.Keys.Order(StringComparer.Ordinal).ToList();
        var people = new List<(string Id, string? Department, bool Active)>();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            for (var n = 0; n < 24; n++)
            {
                // Most report to the manager; every fifth to the person before them (an indirect report).
                var (id, _) = await EmployeeAsync(departments[n % departments.Length], n % 5 == 4 ? people[^1].Id : managerId, active: n != 7);
                people.Add((id, departments[n % departments.Length], n != 7));
                foreach (var module in modules)
                {
                    // Each the latest completion's expiry, in sequence: none, still valid, expired, never expiring,
                    // renewed after expiring, or a renewal that expires before the one it follows.
                    DateTimeOffset?[] expiries = random.Next(6) switch
                    {
                        0 => [],
                        1 => [now.AddDays(30)],
                        2 => [now.AddDays(-3)],
                        3 => [null],
                        4 => [now.AddDays(-40), now.AddDays(200)],
                        _ => [now.AddDays(200), now.AddDays(-2)],
                    };
                    for (var s = 0; s < expiries.Length; s++)
                        db.ModuleCompletions.Add(new ModuleCompletion
                        {
                            EmployeeId = id, ModuleId = module, Sequence = s + 1, ModuleVersion = 1,
                            CompletedAt = now.AddDays(-300 + 100 * s), ExpiresAt = expiries[s],
                        });
                }
                // A module no longer published changes nothing.
                db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = id, ModuleId = "retired-module", Sequence = 1, CompletedAt = now.AddDays(-5) });
            }
            await db.SaveChangesAsync();
        }

        // The passport's rule, person by person, over the stored completions.
        List<ModuleCompletion> completions;
        using (var scope = factory.Services.CreateScope())
        {
            var ids = people.Select(p => p.Id).ToList();
            completions = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ModuleCompletions.AsNoTracking()
                .Where(c => ids.Contains(c.EmployeeId)).ToListAsync();
        }
        var standards = content.Standards;
        bool IsCurrent(string employeeId, string standardId) => PassportRules.IsCurrent([.. content.Modules.Values
            .Where(m => m.Default.Standards.Contains(standardId))
            .Select(m => completions.Where(c => c.EmployeeId == employeeId && c.ModuleId == m.Id).MaxBy(c => c.Sequence) is { } latest
                ? PassportRules.StatusOf(m.Default, new Academy.Domain.Learning.Completion(latest.CompletedAt, latest.ExpiresAt), started: false, now)
                : PassportStatus.NotStarted)]);
        var expected = departments.Select(d => people.Where(p => p.Active && p.Department == d).ToList())
            .Select((team, i) => (Department: departments[i] ?? "No department", People: team.Count,
                Current: standards.Select(s => team.Count(p => IsCurrent(p.Id, s.Id))).ToList()))
            .ToList();
        // The data reach every case: someone current and someone not on some standard.
        Assert.Contains(expected, d => d.Current.Any(c => c > 0));
        Assert.Contains(expected, d => d.Current.Any(c => c < d.People));
        string[] ExpectedRow((string Department, int People, List<int> Current) d) =>
            [$"{d.Department} ({d.People} people)", .. d.Current.Select(c => ChartFormat.Percent((double)c / d.People, English))];

        var manager = await factory.SignInAsync(managerEmail);
        var heatMap = await manager.GetDocumentAsync("/passport/heat-map");
        var charts = await manager.GetDocumentAsync("/reports/charts");
        var indicator = await manager.GetDocumentAsync("/indicator");

        var heatRows = Rows(heatMap, "#currency-heat-map-table");
        Assert.Equal(expected.OrderBy(d => d.Department == "No department" ? "\uffff" : d.Department, StringComparer.CurrentCulture).Select(ExpectedRow), heatRows);
        Assert.Equal(heatRows, Rows(charts, "#coverage-table"));
        // The charts' accessible table is what the SVG draws.
        Assert.Equal(heatRows.SelectMany(r => r[1..]), charts.QuerySelectorAll("#coverage-svg text.value").Select(t => t.TextContent));
        Assert.Equal(heatRows.SelectMany(r => r[1..]), heatMap.QuerySelectorAll("#currency-heat-map-svg text.value").Select(t => t.TextContent));

        // HR counts everyone by reading the completions whole rather than person by person: the same numbers.
        var hr = await factory.SignInAsync("hr@academy.test");
        foreach (var page in new[] { await hr.GetDocumentAsync("/passport/heat-map"), await hr.GetDocumentAsync("/reports/charts") })
        {
            var table = Rows(page, page.QuerySelector("#coverage-table") is null ? "#currency-heat-map-table" : "#coverage-table");
            // HR also sees the manager, alone in a department of their own.
            Assert.Equal(heatRows.Where(r => r[0].Contains(suffix)), table.Where(r => r[0].Contains(suffix) && !r[0].StartsWith("Direction")));
        }

        // The indicator: each department's currency over all standards, and each standard's share over everyone.
        var departmentsTable = Rows(indicator, "#per-department-table");
        foreach (var d in expected)
            Assert.Contains([d.Department, "0", d.People.ToString(English), ChartFormat.Percent(d.Current.Sum() / (double)(d.People * standards.Count), English)], departmentsTable);
        var everyone = expected.Sum(d => d.People);
        Assert.Equal(standards.Select((s, i) => new[] { s.Title, "0", ChartFormat.Percent(expected.Sum(d => d.Current[i]) / (double)everyone, English) }),
            Rows(indicator, "#per-standard-table").Where(r => r[0] != "No standard"));
    }

    private async Task<(string Id, string Email)> EmployeeAsync(string? department, string? managerId, bool active = true, bool password = false)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var email = $"currency-{Guid.NewGuid():N}@academy.test";
        var employee = new Employee
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = "Currency Person", Department = department, ManagerId = managerId, IsActive = active,
        };
        Assert.True((password ? await users.CreateAsync(employee, AcademyFactory.Password) : await users.CreateAsync(employee)).Succeeded);
        await users.AddToRoleAsync(employee, "Learner");
        return (employee.Id, email);
    }

    private static string[][] Rows(IParentNode page, string table) =>
        [.. page.QuerySelectorAll($"{table} tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())];
}
