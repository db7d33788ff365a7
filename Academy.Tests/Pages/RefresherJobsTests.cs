using Academy.Domain.Assignments;
using Academy.Domain.Learning;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Academy.Tests.Pages;

/// <summary>The jobs on a clock the test moves: each assignment, notice, refresher and mail happens once.</summary>
[Collection(HostCollection.Name)]
public sealed class RefresherJobsTests
{
    private const string Module = "complaint-recovery";

    [Fact]
    public async Task SixMonthRefresher_IsAssignedAndMailedInFrench_FiveMonthsLater_AndNothingDoublesOnASecondRun()
    {
        using var site = new ClockFactory();
        var lea = await CompleteAsync(site, "lea@academy.test", Module);
        await site.RunAllJobsAsync();
        Assert.Empty(Directory.Exists(site.MailPickupPath) ? Directory.GetFiles(site.MailPickupPath) : []);
        var filesBefore = 0;

        site.Clock.Advance(TimeSpan.FromDays(152));
        await site.RunAllJobsAsync();

        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var refresher = await db.Assignments.SingleAsync(a => a.EmployeeId == lea && a.Source == AssignmentSource.Refresher);
            Assert.Equal((Module, 1), (refresher.ItemId, refresher.Cycle));
            Assert.Contains(await db.Notifications.Where(n => n.EmployeeId == lea).Select(n => n.Kind).ToListAsync(), k => k == NoticeKind.RefresherOpen);
        }
        var mail = await SingleMailAsync(site, "lea@academy.test");
        filesBefore = Directory.GetFiles(site.MailPickupPath).Length;
        var frenchTitle = site.Services.GetRequiredService<ContentCatalog>().Current.Module(Module)!.In("fr").Title;
        Assert.StartsWith("Votre formation Academy", mail.Subject);
        Assert.Contains($"Rappel : reprenez « {frenchTitle} »", mail.TextBody!.Replace('\u202F', ' '));
        Assert.Contains($"http://localhost:5000/modules/{Module}", mail.HtmlBody);

        var before = await CountsAsync(site);
        await site.RunAllJobsAsync();
        await site.RunAllJobsAsync();
        Assert.Equal(before, await CountsAsync(site));
        Assert.Equal(filesBefore, Directory.GetFiles(site.MailPickupPath).Length);
    }

    [Fact]
    public async Task ARestartBetweenTheRefresherScanAndTheMailDispatch_LosesNoNotification()
    {
        var first = new ClockFactory { KeepFolder = true };
        var folder = first.Folder;
        var start = first.Clock.GetUtcNow();
        try
        {
            await CompleteAsync(first, "omar@academy.test", Module);
            first.Clock.Advance(TimeSpan.FromDays(160));
            await first.RunAsync<AssignmentSyncJob>((j, c) => j.RunAsync(c));
            await first.RunAsync<RefresherScanJob>((j, c) => j.RunAsync(c));
        }
        finally
        {
            first.Dispose();
        }

        using var second = new ClockFactory(folder);
        second.Clock.SetUtcNow(start.AddDays(160));
        await second.RunAllJobsAsync();

        var mail = await SingleMailAsync(second, "omar@academy.test");
        Assert.Contains("Refresher: take “Turning a complaint around” again before", mail.TextBody);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ADepartmentChange_AddsAndWithdrawsAssignments_AsThePreviewSaid()
    {
        using var site = new ClockFactory();
        await site.RunAsync<AssignmentSyncJob>((j, c) => j.RunAsync(c));
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var omar = await db.Users.SingleAsync(u => u.Email == "omar@academy.test");
        Assert.True(await db.Assignments.AnyAsync(a => a.EmployeeId == omar.Id && a.ItemId == "back-office" && a.RemovedAt == null));
        var rule = await db.AssignmentRules.SingleAsync(r => r.FromContent && r.ItemId == "back-office");

        var before = await EmployeeBatches.MatchingAsync(db, rule.Rule, 100, default);
        omar.Department = "Front Desk";
        await db.SaveChangesAsync();
        var preview = AudiencePreview.Compare(before, await EmployeeBatches.MatchingAsync(db, rule.Rule, 100, default));
        await site.RunAsync<AssignmentSyncJob>((j, c) => j.RunAsync(c));

        Assert.Equal([omar.Id], preview.Losses);
        var mine = await db.Assignments.AsNoTracking().Where(a => a.EmployeeId == omar.Id).ToListAsync();
        Assert.NotNull(mine.Single(a => a.ItemId == "back-office").RemovedAt);
        Assert.Null(mine.Single(a => a.ItemId == "onboarding").RemovedAt);
    }

    /// <summary>Records a completion of the module now, as finishing its last step would.</summary>
    internal static async Task<string> CompleteAsync(ClockFactory site, string email, string moduleId)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var module = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Module(moduleId)!;
        var employee = await db.Users.SingleAsync(u => u.Email == email);
        var completion = ModuleProgress.CompletionAt(module.Default, site.Clock.GetUtcNow());
        db.ModuleCompletions.Add(new ModuleCompletion
        {
            EmployeeId = employee.Id, ModuleId = moduleId, Sequence = 1, ModuleVersion = module.Version, Score = 90,
            CompletedAt = completion.CompletedAt, ExpiresAt = completion.ExpiresAt,
        });
        await db.SaveChangesAsync();
        return employee.Id;
    }

    /// <summary>The one mail in the pickup folder addressed to <paramref name="email"/>.</summary>
    internal static async Task<MimeMessage> SingleMailAsync(AcademyFactory site, string email)
    {
        var mails = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(site.MailPickupPath, "*.eml")) mails.Add(await MimeMessage.LoadAsync(file));
        return Assert.Single(mails, m => m.To.Mailboxes.Any(to => to.Address == email));
    }

    private static async Task<(int, int, int)> CountsAsync(AcademyFactory site)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return (await db.Assignments.CountAsync(), await db.Notifications.CountAsync(), await db.MailOutbox.CountAsync());
    }
}
