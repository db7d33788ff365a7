using System.Net;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class ManualAssignmentTests
{
    private static Dictionary<string, string> Form(string people, string dueOn, string reason = "Covers the front desk on Sundays") => new()
    {
        ["Input.Item"] = "module:refunds", ["Input.People"] = people, ["Input.DueOn"] = dueOn, ["Input.Reason"] = reason,
    };

    [Fact]
    public async Task HrAssignsAModuleToOnePerson_ItShowsOnTheirMyLearningAsManual_SurvivesTheSync_AndCanBeRemoved()
    {
        using var site = new ClockFactory();
        var hr = await site.SignInAsync("hr@academy.test");

        var unknown = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/manual?handler=Assign", Form("omar@academy.test, nobody@academy.test", "2026-02-01"), "/assignments/manual"));
        Assert.Contains("No active employee has the email nobody@academy.test.", unknown.QuerySelector("#people-error")!.TextContent);
        var past = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/manual?handler=Assign", Form("omar@academy.test", "2025-12-01"), "/assignments/manual"));
        Assert.Contains("The due date is in the past", past.QuerySelector("#due-error")!.TextContent);
        var noReason = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/manual?handler=Assign", Form("omar@academy.test", "2026-02-01", ""), "/assignments/manual"));
        Assert.Contains("Say why this is assigned.", noReason.QuerySelector("#reason-error")!.TextContent);

        var assigned = await hr.PostFormAsync("/assignments/manual?handler=Assign", Form("omar@academy.test", "2026-02-01"), "/assignments/manual");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var page = await hr.GetDocumentAsync("/assignments/manual");
        Assert.Equal("Assigned to 1 person.", page.QuerySelector("#message")!.TextContent.Trim());
        var row = page.QuerySelectorAll("#manual tbody tr").Single(r => r.TextContent.Contains("Omar Haddad"));
        Assert.Contains("Processing a refund correctly", row.TextContent);
        Assert.Contains("Covers the front desk on Sundays", row.TextContent);
        Assert.Contains("Jordan Lee", row.TextContent);
        await hr.PostFormAsync("/assignments/manual?handler=Assign", Form("omar@academy.test", "2026-02-01"), "/assignments/manual");
        Assert.Contains("1 person already had it", (await hr.GetDocumentAsync("/assignments/manual")).QuerySelector("#message")!.TextContent);

        // Omar is in Billing: no rule gives him the module, and the sync leaves a manual assignment alone.
        await site.RunAsync<Academy.Web.Jobs.AssignmentSyncJob>((j, c) => j.RunAsync(c));
        var omar = await site.SignInAsync("omar@academy.test");
        var home = await omar.GetDocumentAsync("/");
        var mine = home.QuerySelectorAll("#assignments tbody tr").Single(r => r.TextContent.Contains("Processing a refund correctly"));
        Assert.Contains("1 February 2026", mine.QuerySelector(".due")!.TextContent);
        Assert.Contains("Assigned to you by HR", mine.TextContent);
        long id;
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var omarId = await db.Users.Where(u => u.Email == "omar@academy.test").Select(u => u.Id).SingleAsync();
            var stored = await db.Assignments.SingleAsync(a => a.ItemId == "refunds" && a.EmployeeId == omarId);
            Assert.Equal(AssignmentSource.Manual, stored.Source);
            Assert.Equal(await db.Users.Where(u => u.Email == "hr@academy.test").Select(u => u.Id).SingleAsync(), stored.AssignedById);
            id = stored.Id;
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await omar.GetAsync("/assignments/manual")).StatusCode);

        var removed = await hr.PostFormAsync($"/assignments/manual?handler=Remove&id={id}", [], "/assignments/manual");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("The assignment is removed.", (await hr.GetDocumentAsync("/assignments/manual")).QuerySelector("#message")!.TextContent.Trim());
        Assert.DoesNotContain("Processing a refund correctly", (await omar.GetDocumentAsync("/")).QuerySelector("#assignments")?.TextContent ?? "");
        Assert.Equal(HttpStatusCode.NotFound, (await hr.PostFormAsync($"/assignments/manual?handler=Remove&id={id}", [], "/assignments/manual")).StatusCode);
    }
}
