using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The report's first screen: the manager filter is a name typed and resolved on the server, and the pages
/// go through every employee once.</summary>
[Collection(HostCollection.Name)]
public sealed class ReportFirstScreenTests
{
    /// <summary>A department of its own: Éloïse manages Abel and Aude; Eloi manages Basile; 52 more people manage nobody
    /// and report to nobody. Names carry a tag of their own, so that no other test's people match them.</summary>
    private sealed record Seeded(string Department, string Tag, Dictionary<string, (string Id, string Email)> People);

    private static async Task<Seeded> SeedAsync(ClockFactory site, int others = 0)
    {
        var tag = $"Q{Guid.NewGuid():N}"[..7];
        var department = $"Screen {tag}";
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var people = new Dictionary<string, (string Id, string Email)>();
        async Task Add(string name, string? manager = null)
        {
            var email = $"{Guid.NewGuid():N}@academy.test";
            var employee = new Employee
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = $"{name} {tag}", Department = department,
                ManagerId = manager is null ? null : people[manager].Id,
            };
            Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
            await users.AddToRoleAsync(employee, "Learner");
            people[name] = (employee.Id, email);
        }
        await Add("Éloïse");
        await Add("Eloi");
        await Add("Abel", "Éloïse");
        await Add("Aude", "Éloïse");
        await Add("Basile", "Eloi");
        // The rest without a password: only their rows matter.
        for (var i = 0; i < others; i++)
        {
            var email = $"{Guid.NewGuid():N}@academy.test";
            db.Users.Add(new Employee { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, FullName = $"Zed {i:00} {tag}", Department = department });
        }
        await db.SaveChangesAsync();
        return new Seeded(department, tag, people);
    }

    private static IEnumerable<string> Employees(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#report tbody tr").Select(r => r.GetAttribute("data-employee")!);

    [Fact]
    public async Task ManagerFilter_TakesPartOfAName_IgnoringCaseAndAccents_AndOffersTheMatchesWhenSeveral()
    {
        using var site = new ClockFactory();
        var seeded = await SeedAsync(site);
        var (people, department) = (seeded.People, Uri.EscapeDataString(seeded.Department));
        var hr = await site.SignInAsync("hr@academy.test");

        // No list of every manager on the form: a search field with its label and hint.
        var form = await hr.GetDocumentAsync("/reports");
        Assert.Null(form.QuerySelector("#ManagerId"));
        Assert.Equal("Manager", form.QuerySelector("label[for=Manager]")!.TextContent);
        Assert.Contains("manager-hint", form.QuerySelector("input#Manager")!.GetAttribute("aria-describedby"));

        // "eloise" finds Éloïse alone, and the report holds her people.
        var eloise = await hr.GetDocumentAsync($"/reports?Department={department}&Manager={Uri.EscapeDataString($"eloise {seeded.Tag}")}");
        Assert.Equal(new[] { "Abel", "Aude" }.Select(n => people[n].Email).Order(), Employees(eloise).Order());
        Assert.Null(eloise.QuerySelector("[role=alert]"));

        // The tag matches both: the form says so and offers each as a link, which filters by that manager.
        var both = await hr.GetDocumentAsync($"/reports?Department={department}&Manager={seeded.Tag}");
        Assert.Contains("Several managers' names contain the text given: choose one.", both.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(Employees(both));
        var links = both.QuerySelectorAll("#manager-matches a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!);
        Assert.Equal([$"Eloi {seeded.Tag}", $"Éloïse {seeded.Tag}"], links.Keys.Order());
        var eloi = await hr.GetDocumentAsync(links[$"Eloi {seeded.Tag}"]);
        Assert.Equal([people["Basile"].Email], Employees(eloi));
        Assert.Equal($"Eloi {seeded.Tag}", eloi.QuerySelector("input#Manager")!.GetAttribute("value"));
        Assert.Contains($"Department={department}", links[$"Eloi {seeded.Tag}"]);

        // A name that is nobody's is a message on the form, not an error page.
        var nobody = await hr.GetAsync($"/reports?Manager=nobody-{seeded.Tag}");
        Assert.Equal(System.Net.HttpStatusCode.OK, nobody.StatusCode);
        Assert.Contains("No manager's name contains the text given.", (await HttpClientForms.ParseAsync(nobody)).QuerySelector("[role=alert]")!.TextContent);

        // Éloïse, a manager, cannot find Eloi, who is outside her line; she finds herself.
        var her = await site.SignInAsync(people["Éloïse"].Email);
        var outside = await her.GetDocumentAsync($"/reports?Manager={Uri.EscapeDataString($"Eloi {seeded.Tag}")}");
        Assert.Contains("No manager's name contains the text given.", outside.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(Employees(outside));
        var own = await her.GetDocumentAsync($"/reports?Manager={Uri.EscapeDataString($"ÉLOÏSE {seeded.Tag}")}");
        Assert.Equal(new[] { "Abel", "Aude" }.Select(n => people[n].Email).Order(), Employees(own).Order());

        // In French, the same message.
        await her.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/reports" }, "/reports");
        var french = await her.GetDocumentAsync($"/reports?Manager={Uri.EscapeDataString($"Eloi {seeded.Tag}")}");
        Assert.Contains("Aucun nom de responsable ne contient le texte saisi.", french.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Responsable", french.QuerySelector("label[for=Manager]")!.TextContent);
    }

    [Fact]
    public async Task Pages_GoThroughEveryEmployeeOnce_AndSayHowManyAPageHolds()
    {
        using var site = new ClockFactory();
        var seeded = await SeedAsync(site, others: 52);
        var hr = await site.SignInAsync("hr@academy.test");
        var first = await hr.GetDocumentAsync($"/reports?Department={Uri.EscapeDataString(seeded.Department)}");
        var columns = first.QuerySelectorAll("#report thead th[data-module]").Length;
        var perPage = Math.Clamp(1000 / columns, 10, 50);
        Assert.Contains($"{perPage} employees a page, so that a page holds at most 1,000 cells.", first.QuerySelector("#page-size")!.TextContent);
        Assert.Contains("57 employees match the filters.", first.QuerySelector("#employee-count")!.TextContent);

        var seen = new List<string>(Employees(first));
        Assert.Equal(perPage, seen.Count);
        var page = first;
        while (page.QuerySelector("#next-page") is { } next)
        {
            page = await hr.GetDocumentAsync(next.GetAttribute("href")!);
            seen.AddRange(Employees(page));
        }
        Assert.Equal(57, seen.Count);
        Assert.Equal(57, seen.Distinct().Count());
    }
}
