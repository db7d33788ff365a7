using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Web.Data;
using Academy.Web.Import;
using Hangfire;
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
        Assert.Equal(1, EmployeeImportJob.RequeueInterrupted(db, site.Services.GetRequiredService<IBackgroundJobClient>()));
        Assert.Equal(ImportStatus.Queued, (await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id)).Status);
        Assert.Equal(2, site.EnqueuedJobNames().Count(n => n == "EmployeeImportJob.RunAsync"));
        await site.RunEnqueuedJobsAsync();

        var file = await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id);
        Assert.Equal((ImportStatus.Applied, 2), (file.Status, file.Created));
        Assert.Equal(2, await db.Users.CountAsync(e => e.EmployeeNumber!.EndsWith(u)));
        Assert.Equal(2, await db.MailOutbox.CountAsync(m => m.To.EndsWith($"-{u}@example.com")));
        Assert.Equal(0, EmployeeImportJob.RequeueInterrupted(db, site.Services.GetRequiredService<IBackgroundJobClient>()));
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
