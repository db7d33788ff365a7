using System.Net;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class OperationsTests(AcademyFactory factory)
{
    [Fact]
    public async Task Healthz_AnswersOk_OnceDatabaseAndContentAreReady()
    {
        var response = await factory.NewClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LiveAndReady_AnswerOk_ToAnyone_AndReadyListsNothingWrong()
    {
        var client = factory.NewClient();

        var live = await client.GetAsync("/healthz/live");
        var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task JobServerCheck_IsUnhealthy_WhenThisNodeShouldRunJobsAndItsServerIsNotThere()
    {
        // Hangfire's log provider is process-wide and may still name a test host disposed since: storage asks it for a
        // logger as it is made.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        var node = NodeIdentity.New();
        var services = new ServiceCollection().AddSingleton<JobStorage>(new InMemoryStorage()).BuildServiceProvider();
        var runsJobs = new JobServerCheck(Options.Create(new AcademyOptions { Jobs = new() { Enabled = true } }), node, services);
        var runsNone = new JobServerCheck(Options.Create(new AcademyOptions { Jobs = new() { Enabled = false } }), node, services);

        var missing = await runsJobs.CheckHealthAsync(new HealthCheckContext());
        var notExpected = await runsNone.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, missing.Status);
        Assert.Contains("not running", missing.Description);
        Assert.Equal(HealthStatus.Healthy, notExpected.Status);
    }

    [Fact]
    public async Task Ready_WaitsForTheJobServer_OfANodeThatRunsJobs()
    {
        using var node = new ClockFactory(settings: new() { ["Academy:Jobs:Enabled"] = "true" });
        var client = node.NewClient();

        var ready = await client.GetAsync("/healthz/ready");
        for (var wait = 0; wait < 100 && ready.StatusCode != HttpStatusCode.OK; wait++)
        {
            await Task.Delay(100);
            ready = await client.GetAsync("/healthz/ready");
        }

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OperationsPage_ShowsAnAdminTheVersionDatabaseImportJobsMailAndDisk()
    {
        var admin = await factory.SignInAsync("admin@academy.test");

        var page = await admin.GetDocumentAsync("/admin/operations");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var waiting = await db.MailOutbox.CountAsync(m => m.SentAt == null && m.FailedAt == null);
        Assert.Matches(@"^\d+\.\d+\.\d+", page.QuerySelector("#version")!.TextContent);
        Assert.Equal(db.Database.IsSqlite() ? "SQLite" : "PostgreSQL", page.QuerySelector("#provider")!.TextContent);
        Assert.Matches(@"^\d+(\.\d)? (KB|MB)$", page.QuerySelector("#database-size")!.TextContent);
        Assert.Contains(" UTC, on ", page.QuerySelector("#last-import")!.TextContent);
        Assert.Equal("/admin/content-health", page.QuerySelector("#content-problems a")!.GetAttribute("href"));
        Assert.Equal(waiting.ToString(), page.QuerySelector("#mail-waiting")!.TextContent);
        Assert.Equal("/hangfire", page.QuerySelector("#dashboard")!.GetAttribute("href"));
        Assert.Equal(db.Database.IsSqlite() ? 3 : 2, page.QuerySelectorAll("#disk tbody tr").Length); // PostgreSQL's files are not on this node
        Assert.All(page.QuerySelectorAll("#disk tbody td.num"), cell => Assert.Matches(@"\d (KB|MB|GB)$", cell.TextContent));
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        var response = await factory.NewClient().GetAsync("/account/login");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = await factory.SignInAsync("admin@academy.test");

        var response = await client.PostAsync("/admin/employees/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.FullName"] = "X", ["Form.Email"] = "x@academy.test" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NoPage_HasInlineScript()
    {
        var client = await factory.SignInAsync("admin@academy.test");
        foreach (var url in new[] { "/", "/catalog", "/modules/refunds", "/admin/employees", "/admin/content-health", "/admin/operations" })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"{url} has an inline script"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }
}
