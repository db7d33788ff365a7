using System.Net;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class AssignmentPagesTests
{
    private static Dictionary<string, string> RuleForm(string item, string departments, string dueKind = "AfterAssignment", string dueDays = "14", string dueOn = "") => new()
    {
        ["Form.Item"] = item, ["Form.Departments"] = departments, ["Form.DueKind"] = dueKind, ["Form.DueDays"] = dueDays, ["Form.DueOn"] = dueOn,
        ["Form.Reason"] = "Front desk roll-out",
    };

    [Fact]
    public async Task HrAssignsAModuleToADepartment_WithAPreview_AndTheLearnerSeesItWithItsDueDate()
    {
        using var site = new ClockFactory();
        var hr = await site.SignInAsync("hr@academy.test");

        var preview = await hr.PostFormAsync("/assignments/edit?handler=Preview", RuleForm("module:refunds", "Front Desk"), "/assignments/edit");
        var page = await HttpClientForms.ParseAsync(preview);
        Assert.Equal("3", page.QuerySelector("#gain-count")!.TextContent);
        Assert.Equal("0", page.QuerySelector("#loss-count")!.TextContent);
        Assert.Contains("Léa Moreau", page.QuerySelector("#gains")!.TextContent);
        var nobody = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/edit?handler=Preview", RuleForm("module:refunds", "No Such Team"), "/assignments/edit"));
        Assert.Contains("This audience matches nobody.", nobody.QuerySelector("#preview")!.TextContent);
        var past = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/edit?handler=Save", RuleForm("module:refunds", "Front Desk", "Fixed", "", "2025-12-01"), "/assignments/edit"));
        Assert.Contains("The due date is in the past", past.QuerySelector("#due-error")!.TextContent);

        var saved = await hr.PostFormAsync("/assignments/edit?handler=Save", RuleForm("module:refunds", "Front Desk"), "/assignments/edit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await site.RunAsync<Academy.Web.Jobs.AssignmentSyncJob>((j, c) => j.RunAsync(c));

        var sam = await site.SignInAsync("newhire@academy.test");
        var home = await sam.GetDocumentAsync("/");
        var row = home.QuerySelectorAll("#assignments tbody tr").Single(r => r.TextContent.Contains("Processing a refund correctly"));
        Assert.Contains("19 January 2026", row.QuerySelector(".due")!.TextContent);
        var omar = await site.SignInAsync("omar@academy.test");
        Assert.DoesNotContain("Processing a refund correctly", (await omar.GetDocumentAsync("/")).QuerySelector("#assignments")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.GetAsync("/assignments")).StatusCode);
    }

    [Fact]
    public async Task SavingOrRetiringARule_QueuesTheSyncOfThatRule_WhichAppliesItWithoutWaitingForTheSchedule()
    {
        using var site = new ClockFactory();
        var hr = await site.SignInAsync("hr@academy.test");

        var saved = await hr.PostFormAsync("/assignments/edit?handler=Save", RuleForm("module:refunds", "Front Desk"), "/assignments/edit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await hr.GetDocumentAsync("/assignments");
        Assert.Contains("It is being applied now", list.QuerySelector("#applied")!.TextContent);
        var ruleId = QueuedRuleSyncs(site).Single();
        using (var scope = site.Services.CreateScope())
            Assert.Equal("refunds", (await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().AssignmentRules.SingleAsync(r => r.Id == ruleId)).ItemId);

        // What Hangfire's worker would run: only this rule's item, and no full sync has run.
        await site.RunAsync<Academy.Web.Jobs.AssignmentSyncJob>((j, c) => j.RunForRuleAsync(ruleId, c));
        var sam = await site.SignInAsync("newhire@academy.test");
        Assert.Contains("Processing a refund correctly", (await sam.GetDocumentAsync("/")).QuerySelector("#assignments")!.TextContent);
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            Assert.Equal(3, await db.Assignments.CountAsync(a => a.RuleId == ruleId && a.RemovedAt == null));
            Assert.Equal(["refunds"], await db.Assignments.Select(a => a.ItemId).Distinct().ToListAsync());
        }

        var retired = await hr.PostFormAsync($"/assignments?handler=Retire&id={ruleId}", [], "/assignments");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Contains("withdrawn now", (await hr.GetDocumentAsync("/assignments")).QuerySelector("#applied")!.TextContent);
        Assert.Equal([ruleId, ruleId], QueuedRuleSyncs(site));
        await site.RunAsync<Academy.Web.Jobs.AssignmentSyncJob>((j, c) => j.RunForRuleAsync(ruleId, c));
        Assert.DoesNotContain("Processing a refund correctly", (await sam.GetDocumentAsync("/")).QuerySelector("#assignments")?.TextContent ?? "");
    }

    [Fact]
    public async Task RuleList_NamesATeamByItsManager_AndAnUnknownPersonIsAMessageInTheReadersLanguage()
    {
        using var site = new ClockFactory();
        var hr = await site.SignInAsync("hr@academy.test");
        string managerId;
        using (var scope = site.Services.CreateScope())
            managerId = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Users.Where(u => u.Email == "manager@academy.test").Select(u => u.Id).SingleAsync();
        var team = RuleForm("module:refunds", "");
        team["Form.ManagerId"] = managerId;
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync("/assignments/edit?handler=Save", team, "/assignments/edit")).StatusCode);

        var row = (await hr.GetDocumentAsync("/assignments")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("direct reports of"));
        Assert.Contains("direct reports of Morgan", row.TextContent);
        Assert.DoesNotContain(managerId[..8], row.TextContent);

        await hr.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/assignments" }, "/assignments");
        Assert.Contains("collaborateurs directs de Morgan", (await hr.GetDocumentAsync("/assignments")).QuerySelector("tbody")!.TextContent);
        var people = RuleForm("module:refunds", "");
        people["Form.People"] = "nobody-here@academy.test";
        var refused = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/edit?handler=Save", people, "/assignments/edit"));
        Assert.Contains("Aucun employé n’a le courriel nobody-here@academy.test.", refused.QuerySelector("#Form_People + .field-error")!.TextContent);
    }

    [Fact]
    public async Task AllReportsOfAManager_AreReadLevelByLevelFromTheDatabase_AndALoopInTheChartEnds()
    {
        using var site = new ClockFactory();
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var id = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
        // Omar now reports to Sam, who reports to the manager; and the manager to Omar: a loop.
        await db.Users.Where(u => u.Id == id["omar@academy.test"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, id["newhire@academy.test"]));
        await db.Users.Where(u => u.Id == id["manager@academy.test"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, id["omar@academy.test"]));

        var all = await Academy.Web.Jobs.EmployeeBatches.MatchingAsync(db, new Academy.Domain.Assignments.TeamOf(id["manager@academy.test"], true), 2, default);
        Assert.Equal(new[] { "lea@academy.test", "newhire@academy.test", "omar@academy.test" }.Select(e => id[e]).Order(), all.Order());
        var direct = await Academy.Web.Jobs.EmployeeBatches.MatchingAsync(db, new Academy.Domain.Assignments.TeamOf(id["manager@academy.test"], false), 2, default);
        Assert.Equal(new[] { "lea@academy.test", "newhire@academy.test" }.Select(e => id[e]).Order(), direct.Order());
    }

    /// <summary>The rule ids of the queued per-rule syncs, oldest first (no Hangfire server runs in tests).</summary>
    private static List<int> QueuedRuleSyncs(ClockFactory site) =>
        site.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100)
            .Select(j => j.Value.Job).Where(j => j.Type == typeof(Academy.Web.Jobs.AssignmentSyncJob) && j.Method.Name == nameof(Academy.Web.Jobs.AssignmentSyncJob.RunForRuleAsync))
            .Select(j => (int)j.Args[0]).Reverse().ToList();

    /// <summary>Needs the lead's fix of LearnerProgress.ActivityQuery (issue 8): before it, a learner with a completion gets a 500.</summary>
    [Fact]
    public async Task AfterExpiry_HomeAndCatalogShowItExpired_AndNotificationsCanBeMarkedRead()
    {
        using var site = new ClockFactory();
        await RefresherJobsTests.CompleteAsync(site, "lea@academy.test", "complaint-recovery");
        site.Clock.Advance(TimeSpan.FromDays(190));
        await site.RunAllJobsAsync();

        var lea = await site.SignInAsync("lea@academy.test");
        var home = await lea.GetDocumentAsync("/");
        Assert.Contains("Expiré", home.QuerySelector("#transcript")!.TextContent);
        Assert.Contains(home.QuerySelectorAll("#assignments .state"), s => s.TextContent.Contains("Expiré"));
        var catalog = await lea.GetDocumentAsync("/catalog");
        Assert.Contains("Expiré", catalog.QuerySelector(".grid")!.TextContent);
        var unread = int.Parse(home.QuerySelector("#unread-count")!.FirstChild!.TextContent);
        Assert.True(unread >= 2);

        await lea.PostFormAsync("/notifications?handler=Read", [], "/notifications");
        Assert.Null((await lea.GetDocumentAsync("/")).QuerySelector("#unread-count"));
    }

    [Fact]
    public async Task Overdue_ShowsOnTheManagersTeamAndHrsList_AndNudgeAllSendsOncePerDay()
    {
        using var site = new ClockFactory();
        await site.RunAsync<Academy.Web.Jobs.AssignmentSyncJob>((j, c) => j.RunAsync(c));
        site.Clock.Advance(TimeSpan.FromDays(45));
        await site.RunAllJobsAsync();

        var manager = await site.SignInAsync("manager@academy.test");
        var team = await manager.GetDocumentAsync("/team");
        Assert.Contains("Léa Moreau", team.QuerySelector("#team")!.TextContent);
        Assert.DoesNotContain("Omar Haddad", team.QuerySelector("#team")!.TextContent);
        Assert.Contains("Léa Moreau", (await manager.GetDocumentAsync("/notifications")).QuerySelector("#notices")!.TextContent);
        var hr = await site.SignInAsync("hr@academy.test");
        var overdue = await hr.GetDocumentAsync("/assignments/overdue?Department=Front+Desk");
        Assert.Contains("Léa Moreau", overdue.QuerySelector("#overdue")!.TextContent);
        Assert.DoesNotContain("Omar Haddad", overdue.QuerySelector("#overdue")!.TextContent);
        var nudged = await hr.PostFormAsync("/assignments/overdue?handler=NudgeAll&Department=Front+Desk", [], "/assignments/overdue?Department=Front+Desk");
        Assert.Equal(HttpStatusCode.Redirect, nudged.StatusCode);
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var nudges = await db.Notifications.CountAsync(n => n.Kind == Academy.Domain.Assignments.NoticeKind.Nudge);
        Assert.True(nudges >= 3);
        await hr.PostFormAsync("/assignments/overdue?handler=NudgeAll&Department=Front+Desk", [], "/assignments/overdue?Department=Front+Desk");
        Assert.Equal(nudges, await db.Notifications.CountAsync(n => n.Kind == Academy.Domain.Assignments.NoticeKind.Nudge));
    }
}
