using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Web.Data;
using Academy.Web.Import;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The import's loose ends: a file left queued or running by a stopped process is queued again and applied
/// once; HR sends a new invitation to someone who has not chosen a password, and only the newest link works.</summary>
[Collection(HostCollection.Name)]
public sealed partial class ImportRecoveryTests
{
    private static async Task<int> UploadAndApplyAsync(HttpClient hr, string csv)
    {
        var upload = await EmployeeImportPageTests.UploadAsync(hr, "people.csv", Encoding.UTF8.GetBytes(csv));
        var url = upload.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync(url + "?handler=Apply", [], url)).StatusCode);
        return int.Parse(url.Split('/')[^1]);
    }

    [Fact]
    public async Task AnImportLeftRunningByACrash_IsQueuedAgain_AndAppliedOnce()
    {
        using var site = new ClockFactory();
        var u = Guid.NewGuid().ToString("N")[..8];
        var hr = await site.SignInAsync("hr@academy.test");
        var id = await UploadAndApplyAsync(hr, $"Employee number;Email;Name;Department\nK1-{u};kim-{u}@example.com;Kim Crash;Recovery\nK2-{u};lou-{u}@example.com;Lou Crash;Recovery\n");

        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        // The process stopped after the job marked the file running, inside its transaction: nothing was written.
        await db.EmployeeImports.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, ImportStatus.Running));

        // At start: queued again (the job the Apply button queued is still in this host's queue too, so it runs twice).
        Assert.Equal(1, EmployeeImportJob.RequeueInterrupted(db, site.Services.GetRequiredService<ImportProgress>()));
        Assert.Equal(ImportStatus.Queued, (await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id)).Status);
        Assert.Equal(2, site.EnqueuedJobNames().Count(n => n == "EmployeeImportJob.RunAsync"));
        await site.RunEnqueuedJobsAsync();

        var file = await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id);
        Assert.Equal((ImportStatus.Applied, 2), (file.Status, file.Created));
        Assert.Equal(2, await db.Users.CountAsync(e => e.EmployeeNumber!.EndsWith(u)));
        Assert.Equal(2, await db.MailOutbox.CountAsync(m => m.To.EndsWith($"-{u}@example.com")));
        Assert.Equal(0, EmployeeImportJob.RequeueInterrupted(db, site.Services.GetRequiredService<ImportProgress>()));
    }

    [Fact]
    public async Task AnImportLeftRunningByAStoppedProcess_ShowsStopped_AndRunAgainQueuesItOnce()
    {
        using var site = new ClockFactory();
        var u = Guid.NewGuid().ToString("N")[..8];
        var hr = await site.SignInAsync("hr@academy.test");
        var id = await UploadAndApplyAsync(hr, $"Employee number;Email;Name;Department\nR1-{u};ros-{u}@example.com;Ros Stuck;Recovery\nR2-{u};ray-{u}@example.com;Ray Stuck;Recovery\n");
        using (var scope = site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().EmployeeImports.Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, ImportStatus.Running));

        // No process is applying it: HR is told it stopped, in the history and on its page, which stops refreshing itself.
        var progress = $"/import/{id}/progress";
        Assert.Contains("Stopped", (await hr.GetDocumentAsync("/import")).QuerySelector("#import-history tbody tr")!.TextContent);
        var page = await hr.GetDocumentAsync(progress);
        Assert.Equal("Stopped", page.QuerySelector("#import-status")!.TextContent.Trim());
        Assert.Contains("nothing of the file was written", page.QuerySelector("#import-failed")!.TextContent);
        Assert.Null(page.QuerySelector("[data-refresh]"));
        Assert.NotNull(page.QuerySelector("#run-again"));

        // A learner may not; HR's double click queues it once (the Apply button's job is still queued too).
        var learner = await site.SignInAsync("newhire@academy.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostFormAsync($"{progress}?handler=RunAgain", [], "/")).StatusCode);
        Assert.Equal(1, site.EnqueuedJobNames().Count(n => n == "EmployeeImportJob.RunAsync"));
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{progress}?handler=RunAgain", [], progress)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{progress}?handler=RunAgain", [], "/import")).StatusCode);
        Assert.Equal(2, site.EnqueuedJobNames().Count(n => n == "EmployeeImportJob.RunAsync"));
        page = await hr.GetDocumentAsync(progress);
        Assert.Equal("Waiting to start", page.QuerySelector("#import-status")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#run-again"));

        await site.RunEnqueuedJobsAsync();
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var file = await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id);
            Assert.Equal((ImportStatus.Applied, 2), (file.Status, file.Created));
            Assert.Equal(2, await db.MailOutbox.CountAsync(m => m.To.EndsWith($"-{u}@example.com")));
        }
        Assert.Null((await hr.GetDocumentAsync(progress)).QuerySelector("#run-again"));
    }

    [Fact]
    public async Task AnImportAnotherNodeIsApplying_ShowsRunning_UntilThatNodeStopsBeating()
    {
        using var site = new ClockFactory();
        var u = Guid.NewGuid().ToString("N")[..8];
        var hr = await site.SignInAsync("hr@academy.test");
        var id = await UploadAndApplyAsync(hr, $"Employee number;Email;Name;Department\nN1-{u};nia-{u}@example.com;Nia Elsewhere;Recovery\n");
        using (var scope = site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().EmployeeImports.Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, ImportStatus.Running));
        // Another node's server took the job that the Apply button queued, and still beats.
        var storage = site.Services.GetRequiredService<JobStorage>();
        var job = storage.GetMonitoringApi().EnqueuedJobs(EnqueuedState.DefaultQueue, 0, 1000)
            .Single(j => j.Value.Job.Type == typeof(EmployeeImportJob) && (int)j.Value.Job.Args[0] == id).Key;
        var server = $"other-node-{u}";
        using (var connection = storage.GetConnection())
        {
            connection.AnnounceServer(server, new Hangfire.Server.ServerContext { Queues = [EnqueuedState.DefaultQueue], WorkerCount = 1 });
            connection.Heartbeat(server);
        }
        Assert.True(site.Services.GetRequiredService<IBackgroundJobClient>().ChangeState(job, new InHand(server)));

        var progress = $"/import/{id}/progress";
        var page = await hr.GetDocumentAsync(progress);
        Assert.Equal("Applying", page.QuerySelector("#import-status")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#run-again"));
        Assert.DoesNotContain("Stopped", (await hr.GetDocumentAsync("/import")).QuerySelector("#import-history tbody tr")!.TextContent);
        // Pressing Run again queues nothing more. (PostgreSQL's storage still lists the job in hand among the queue's.)
        var queued = site.EnqueuedJobNames().Count;
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{progress}?handler=RunAgain", [], progress)).StatusCode);
        Assert.Equal(queued, site.EnqueuedJobNames().Count);

        // That node stops: its job is no longer in hand, and HR may run the file again.
        using (var connection = storage.GetConnection())
            connection.RemoveServer(server);
        page = await hr.GetDocumentAsync(progress);
        Assert.Equal("Stopped", page.QuerySelector("#import-status")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#run-again"));
    }

    /// <summary>The state a worker gives the job it takes (Hangfire's <see cref="ProcessingState"/>, whose constructor is
    /// internal), naming its server.</summary>
    private sealed class InHand(string server) : IState
    {
        public string Name => ProcessingState.StateName;
        public string? Reason => null;
        public bool IsFinal => false;
        public bool IgnoreJobLoadException => false;
        public Dictionary<string, string> SerializeData() => new() { ["ServerId"] = server, ["WorkerId"] = "worker-1", ["StartedAt"] = JobHelper.SerializeDateTime(DateTime.UtcNow) };
    }

    [Fact]
    public async Task ARowRefusedByTheDatabaseMidFile_WritesNothing_AndRunAgainAppliesTheWholeFile()
    {
        using var site = new ClockFactory();
        var u = Guid.NewGuid().ToString("N")[..8];
        var hr = await site.SignInAsync("hr@academy.test");
        // More rows than the job writes at a time, so that rows before the refused one were already sent.
        var rows = Enumerable.Range(1, 1200).Select(i => $"F{i}-{u};f{i}-{u}@example.com;Fay {i};Midway");
        var id = await UploadAndApplyAsync(hr, "Employee number;Email;Name;Department\n" + string.Join("\n", rows) + "\n");
        var refused = $"f1100-{u}@example.com";
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        await db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? $$"""
                CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW."Email" = '{{refused}}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $f$;
                CREATE TRIGGER refuse_one BEFORE INSERT ON "AspNetUsers" FOR EACH ROW EXECUTE FUNCTION refuse_one();
                """
            : $"CREATE TRIGGER refuse_one BEFORE INSERT ON \"AspNetUsers\" WHEN NEW.\"Email\" = '{refused}' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        await site.RunEnqueuedJobsAsync();

        Assert.Equal(ImportStatus.Failed, (await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id)).Status);
        Assert.Equal(0, await db.Users.CountAsync(e => e.EmployeeNumber!.EndsWith(u)));
        Assert.Equal(0, await db.MailOutbox.CountAsync(m => m.To.EndsWith($"-{u}@example.com")));
        var progress = $"/import/{id}/progress";
        Assert.Equal("Failed", (await hr.GetDocumentAsync(progress)).QuerySelector("#import-status")!.TextContent.Trim());

        await db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres ? "DROP TRIGGER refuse_one ON \"AspNetUsers\"; DROP FUNCTION refuse_one();" : "DROP TRIGGER refuse_one;");
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{progress}?handler=RunAgain", [], progress)).StatusCode);
        Assert.Contains("queued again", (await hr.GetDocumentAsync(progress)).QuerySelector("#message")!.TextContent);
        await site.RunEnqueuedJobsAsync();

        var file = await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id);
        Assert.Equal((ImportStatus.Applied, 1200, (string?)null), (file.Status, file.Created, file.Error));
        Assert.Equal(1200, await db.Users.CountAsync(e => e.EmployeeNumber!.EndsWith(u) && e.Department == "Midway"));
        Assert.Equal(1200, await db.MailOutbox.CountAsync(m => m.To.EndsWith($"-{u}@example.com")));
    }

    [Fact]
    public async Task HrResendsAnInvitation_WithAFreshLink_AndTheEarlierLinkStopsWorking()
    {
        using var site = new ClockFactory(settings: new() { ["Academy:PublicUrl"] = "https://academy.example" });
        var u = Guid.NewGuid().ToString("N")[..8];
        var email = $"mo-{u}@example.com";
        var hr = await site.SignInAsync("hr@academy.test");
        var id = await UploadAndApplyAsync(hr, $"Employee number;Email;Name;Department\nM1-{u};{email};Mo Again;Recovery\n");
        await site.RunAsync<EmployeeImportJob>((j, c) => j.RunAsync(id, c));

        var progress = $"/import/{id}/progress";
        var page = await hr.GetDocumentAsync(progress);
        var row = page.QuerySelectorAll("#imported-employees tbody tr").Single(r => r.TextContent.Contains(email));
        var employeeId = row.QuerySelector("input[name=employeeId]")!.GetAttribute("value")!;

        site.Clock.Advance(TimeSpan.FromDays(2));
        hr = await site.SignInAsync("hr@academy.test");
        var resent = await hr.PostFormAsync($"{progress}?handler=Resend", new() { ["employeeId"] = employeeId }, progress);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains($"A new invitation is on its way to {email}", (await hr.GetDocumentAsync(progress)).QuerySelector("#message")!.TextContent);

        List<string> links;
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            links = (await db.MailOutbox.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync())
                .Select(text => SetPasswordLink().Match(text).Value).ToList();
        }
        Assert.Equal(2, links.Count);
        Assert.NotEqual(links[0], links[1]);

        async Task<HttpResponseMessage> SetPasswordAsync(string link)
        {
            var uri = new Uri(link);
            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            var form = new Dictionary<string, string> { ["Id"] = query["id"]!, ["Token"] = query["token"]!, ["Input.NewPassword"] = "Second-Chance-2026", ["Input.ConfirmPassword"] = "Second-Chance-2026" };
            return await site.NewClient().PostFormAsync("/account/set-password", form, uri.PathAndQuery);
        }
        var old = await SetPasswordAsync(links[0]);
        Assert.Contains("This link has expired or was already used", (await HttpClientForms.ParseAsync(old)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(links[1])).StatusCode);
        await site.SignInAsync(email, "Second-Chance-2026");

        // Once the password is chosen, no more invitations.
        Assert.Null((await hr.GetDocumentAsync(progress)).QuerySelectorAll("#imported-employees tbody tr").Single(r => r.TextContent.Contains(email)).QuerySelector("button"));
        // The page has no form left; any page's antiforgery token serves.
        await hr.PostFormAsync($"{progress}?handler=Resend", new() { ["employeeId"] = employeeId }, "/import");
        Assert.Contains("already has a password", (await hr.GetDocumentAsync(progress)).QuerySelector("#message")!.TextContent);
    }

    [GeneratedRegex(@"https://academy\.example/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
