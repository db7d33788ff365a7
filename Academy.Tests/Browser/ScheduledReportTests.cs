using System.Globalization;
using Academy.Tests.Pages;
using Academy.Web.Jobs;
using CsvHelper;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Academy.Tests.Browser;

/// <summary>HR filters the report, schedules it for an auditor's address, the job runs, and the mail arrives with the
/// file, whose rows are the filtered report's.</summary>
[Collection(HostCollection.Name)]
public sealed class ScheduledReportTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task HrSchedulesTheFilteredReport_TheJobRuns_AndTheMailArrivesWithTheFile()
    {
        var hr = await browser.SignedInPageAsync("hr@academy.test");
        await hr.GotoAsync("/reports");
        await hr.GetByLabel("Department", new() { Exact = true }).SelectOptionAsync("Front Desk");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => url.Contains("Department=Front"));
        var employees = int.Parse((await hr.Locator("#employee-count").TextContentAsync())!.Split(' ')[0], CultureInfo.InvariantCulture);

        await hr.GetByRole(AriaRole.Link, new() { Name = "Schedule this report" }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/reports/subscriptions/edit");
        await AssertAccessibleAsync(hr);
        Assert.Contains("Front Desk", await hr.Locator("#schedule-filter").TextContentAsync());
        var address = $"auditor-{Guid.NewGuid():N}@example.com";
        await hr.GetByLabel("Recipients").FillAsync(address);
        await hr.GetByLabel("Weekly").CheckAsync();
        // The real clock: due today.
        await hr.GetByLabel("Day of the week").SelectOptionAsync(DateTime.UtcNow.DayOfWeek.ToString());
        await hr.GetByLabel("CSV").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await hr.ArrivedAsync(url => new Uri(url).AbsolutePath == "/reports/subscriptions");
        Assert.Contains("The report is scheduled.", await hr.Locator("#message").TextContentAsync());
        await AssertAccessibleAsync(hr);

        // No Hangfire server in tests: the jobs run here, as the server would run them.
        using (var scope = browser.Site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ScheduledReportJob>().RunAsync(CancellationToken.None);
        using (var scope = browser.Site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().RunAsync(CancellationToken.None);

        MimeMessage? mail = null;
        foreach (var file in Directory.GetFiles(browser.Site.MailPickupPath, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == address)) mail = message;
        }
        Assert.NotNull(mail);
        var attachment = (MimePart)mail.Attachments.Single();
        Assert.EndsWith(".csv", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        using var reader = CsvReader.Create(content.ToArray());
        var departments = new List<string>();
        while (reader.Read()) departments.Add(reader.GetString("Department"));
        Assert.Equal(employees, departments.Count);
        Assert.All(departments, d => Assert.Equal("Front Desk", d));

        await hr.ReloadAsync();
        await hr.Locator("body > footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("attached", await hr.Locator("#subscriptions .last-send").First.TextContentAsync());
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
