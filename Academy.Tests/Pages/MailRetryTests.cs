using System.Net;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class MailRetryTests
{
    [Fact]
    public async Task FailedMail_ShowsToAdmins_AndRetryingOneOrAllSendsItAgain()
    {
        using var site = new ClockFactory();
        var now = site.Clock.GetUtcNow();
        OutboxMail Failed(string key, string to) => new()
        {
            Key = key, To = to, Subject = $"Digest for {to}", Text = "Hello", Html = "<p>Hello</p>", CreatedAt = now.AddDays(-1),
            Attempts = 6, NextAttemptAt = now.AddDays(-1), FailedAt = now.AddHours(-1), LastError = "Connection refused",
        };
        long first;
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.MailOutbox.AddRange(Failed("retry-test:1", "one@example.test"), Failed("retry-test:2", "two@example.test"), Failed("retry-test:3", "three@example.test"));
            await db.SaveChangesAsync();
            first = await db.MailOutbox.Where(m => m.Key == "retry-test:1").Select(m => m.Id).SingleAsync();
        }
        var admin = await site.SignInAsync("admin@academy.test");
        var page = await admin.GetDocumentAsync("/admin/mail");
        Assert.Equal(3, page.QuerySelectorAll("#failed-mail tbody tr").Length);
        Assert.Contains("Connection refused", page.QuerySelector("#failed-mail")!.TextContent);
        var hr = await site.SignInAsync("hr@academy.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/admin/mail")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/admin/mail?handler=Retry&id={first}", [], "/admin/mail")).StatusCode);
        page = await admin.GetDocumentAsync("/admin/mail");
        Assert.Equal("1 mail is back in the outbox and will be sent again now.", page.QuerySelector("#message")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("#failed-mail tbody tr").Length);
        Assert.Contains("one@example.test", page.QuerySelector("#waiting-mail")!.TextContent);
        await site.RunAsync<Academy.Web.Jobs.MailDispatchJob>((j, c) => j.RunAsync(c));
        Assert.Single(Directory.GetFiles(site.MailPickupPath, "*.eml"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mail?handler=RetryAll", [], "/admin/mail")).StatusCode);
        page = await admin.GetDocumentAsync("/admin/mail");
        Assert.Equal("2 mails are back in the outbox and will be sent again now.", page.QuerySelector("#message")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#failed-mail"));
        await site.RunAsync<Academy.Web.Jobs.MailDispatchJob>((j, c) => j.RunAsync(c));
        Assert.Equal(3, Directory.GetFiles(site.MailPickupPath, "*.eml").Length);
        using (var scope = site.Services.CreateScope())
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().MailOutbox.CountAsync(m => m.Key.StartsWith("retry-test:") && m.SentAt != null));
        // The dispatch was queued each time, so the mail leaves without waiting for the schedule.
        var queued = site.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100);
        Assert.Equal(2, queued.Count(j => j.Value.Job.Type == typeof(Academy.Web.Jobs.MailDispatchJob)));
    }
}
