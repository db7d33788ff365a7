using System.Net;
using Academy.Web.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class JobsHostTests(AcademyFactory factory)
{
    [Fact]
    public async Task HangfireDashboard_IsForAdminsOnly()
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        var hr = await factory.SignInAsync("hr@academy.test");
        var learner = await factory.SignInAsync("newhire@academy.test");

        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire Dashboard", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync("/hangfire/recurring")).StatusCode);
        var anonymous = await factory.NewClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString());
    }

    [Fact]
    public void Start_RegistersEveryRecurringJob_FromConfiguration()
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("*/15 * * * *", jobs[JobSchedule.AssignmentSync]);
        Assert.Equal("5 * * * *", jobs[JobSchedule.RefresherScan]);
        Assert.Equal("0 7 * * *", jobs[JobSchedule.Reminders]);
        Assert.Equal("*/2 * * * *", jobs[JobSchedule.MailDispatch]);
    }
}
