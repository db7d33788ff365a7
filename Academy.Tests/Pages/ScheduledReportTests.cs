using System.Globalization;
using System.Net;
using System.Text;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Jobs;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Academy.Tests.Pages;

/// <summary>Scheduled reports: subscribed from the filtered report, mailed by the job on the fake clock once per period,
/// with the file attached (parsed back and compared with the screen) or a signed link that expires.</summary>
[Collection(HostCollection.Name)]
public sealed class ScheduledReportTests
{
    private const string Module = "refunds";

    /// <summary>A department of its own: Boss manages Ana (overdue on refunds) and Ben (completed it); Dan, outside Boss's
    /// team, has nothing assigned.</summary>
    private sealed record Team(string Department, Dictionary<string, (string Id, string Email)> People)
    {
        public string Query => $"Department={Uri.EscapeDataString(Department)}&Module={Module}";
    }

    private static async Task<Team> SeedAsync(ClockFactory site)
    {
        var department = $"Sched {Guid.NewGuid():N}"[..14];
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var people = new Dictionary<string, (string Id, string Email)>();
        async Task<string> Add(string name, string? manager = null)
        {
            var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@academy.test";
            var employee = new Employee
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = $"{name} Sched", Department = department,
                ManagerId = manager is null ? null : people[manager].Id, EmployeeNumber = $"S{Random.Shared.Next(100_000_000)}",
            };
            Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
            await users.AddToRoleAsync(employee, "Learner");
            people[name] = (employee.Id, email);
            return employee.Id;
        }
        await Add("Boss");
        var ana = await Add("Ana", "Boss");
        var ben = await Add("Ben", "Boss");
        await Add("Dan");
        var now = site.Clock.GetUtcNow();
        Assignment Assign(string employee, DateOnly due, DateTimeOffset? completed = null) => new()
        {
            EmployeeId = employee, ItemKind = ItemKind.Module, ItemId = Module, Source = AssignmentSource.Manual, Reason = "test",
            AssignedAt = now.AddDays(-40), DueOn = due, CompletedAt = completed,
        };
        db.Assignments.AddRange(Assign(ana, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-4)), Assign(ben, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-4), now.AddDays(-10)));
        db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = ben, ModuleId = Module, Sequence = 1, ModuleVersion = 1, CompletedAt = now.AddDays(-10), ExpiresAt = now.AddDays(355) });
        await db.SaveChangesAsync();
        return new Team(department, people);
    }

    /// <summary>The report on screen: each employee's email and the module's status as the page words it.</summary>
    private static async Task<Dictionary<string, string>> ScreenAsync(HttpClient client, string query)
    {
        var page = await client.GetDocumentAsync($"/reports?{query}");
        return page.QuerySelectorAll("#report tbody tr").ToDictionary(r => r.GetAttribute("data-employee")!,
            r => r.QuerySelector($"td[data-module={Module}] .status")!.TextContent.Trim());
    }

    internal static async Task<HttpResponseMessage> ScheduleAsync(HttpClient client, string query, string recipients, string frequency, string day,
        string format, bool skipEmpty = false)
    {
        var url = $"/reports/subscriptions/edit?{query}";
        var fields = new Dictionary<string, string>
        {
            ["Input.Recipients"] = recipients, ["Input.Frequency"] = frequency, ["Input.Format"] = format,
            [frequency == "Weekly" ? "Input.DayOfWeek" : "Input.DayOfMonth"] = day,
        };
        if (skipEmpty) fields["Input.SkipEmpty"] = "true";
        return await client.PostFormAsync(url, fields);
    }

    private static async Task<List<OutboxMail>> MailsAsync(ClockFactory site, int? subscription = null)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var prefix = subscription is null ? "report:" : $"report:{subscription}:";
        return await db.MailOutbox.AsNoTracking().Where(m => m.Key.StartsWith(prefix)).OrderBy(m => m.Id).ToListAsync();
    }

    private static async Task<byte[]> AttachmentAsync(ClockFactory site, OutboxMail mail)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return (await db.MailAttachments.AsNoTracking().SingleAsync(a => a.Id == mail.AttachmentId)).Content;
    }

    private static async Task<List<ReportSend>> SendsAsync(ClockFactory site)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return await db.ReportSends.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
    }

    /// <summary>The CSV read back with CsvHelper: each row's email and the module's status.</summary>
    private static Dictionary<string, string> ReadCsv(byte[] bytes, string moduleTitle)
    {
        using var reader = CsvReader.Create(bytes);
        var rows = new Dictionary<string, string>();
        while (reader.Read()) rows[reader.GetString("Email")] = reader.GetString(reader.GetFieldIndex(moduleTitle));
        return rows;
    }

    private static Task RunJobAsync(ClockFactory site) => site.RunAsync<ScheduledReportJob>((j, c) => j.RunAsync(c));

    [Fact]
    public async Task WeeklyCsv_IsSentOncePerWeekOnItsDay_InEachRecipientsLanguage_WithTheScreensRows()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        var form = await hr.GetDocumentAsync($"/reports/subscriptions/edit?{team.Query}");
        Assert.Equal("hr@academy.test", form.QuerySelector("#Input_Recipients")!.TextContent.Trim());
        Assert.Contains(team.Department, form.QuerySelector("#schedule-filter")!.TextContent);

        // Léa is an employee who reads in French; the auditor is not an employee and gets HR's language.
        var saved = await ScheduleAsync(hr, team.Query, "lea@academy.test\nauditor@example.com", "Weekly", "Wednesday", "csv");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await RunJobAsync(site);
        Assert.Empty(await MailsAsync(site));

        site.Clock.Advance(TimeSpan.FromDays(2));
        await RunJobAsync(site);
        await RunJobAsync(site);
        var mails = await MailsAsync(site);
        Assert.Equal(2, mails.Count);
        var auditor = mails.Single(m => m.To == "auditor@example.com");
        var lea = mails.Single(m => m.To == "lea@academy.test");
        Assert.StartsWith("Completion report of", auditor.Subject);
        Assert.StartsWith("Rapport de formation du", lea.Subject);
        Assert.Contains("It lists 4 employees.", auditor.Text);

        var screen = await ScreenAsync(hr, team.Query);
        var title = (await hr.GetDocumentAsync($"/reports?{team.Query}")).QuerySelector($"#report thead th[data-module={Module}]")!.TextContent.Trim();
        var file = ReadCsv(await AttachmentAsync(site, auditor), title);
        Assert.Equal(screen.OrderBy(r => r.Key), file.OrderBy(r => r.Key));
        Assert.Equal("Overdue", file[team.People["Ana"].Email]);

        // The dispatch sends the file with the mail.
        await site.RunAsync<MailDispatchJob>((j, c) => j.RunAsync(c));
        var sent = new List<MimeMessage>();
        foreach (var eml in Directory.GetFiles(site.MailPickupPath, "*.eml")) sent.Add(await MimeMessage.LoadAsync(eml));
        var message = sent.Single(m => m.To.Mailboxes.Any(a => a.Address == "auditor@example.com"));
        var attachment = (MimePart)message.Attachments.Single();
        Assert.Equal("completion-2026-01-07.csv", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(file, ReadCsv(content.ToArray(), title));
        // Delivered: the outbox lets go of the files.
        using (var scope = site.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().MailAttachments.CountAsync());

        // Thursday: same week, nothing more. Next Wednesday: the second send.
        site.Clock.Advance(TimeSpan.FromDays(1));
        await RunJobAsync(site);
        Assert.Single(await SendsAsync(site));
        site.Clock.Advance(TimeSpan.FromDays(6));
        await RunJobAsync(site);
        Assert.Equal(2, (await SendsAsync(site)).Count);
        Assert.Equal(4, (await MailsAsync(site)).Count);

        hr = await site.SignInAsync("hr@academy.test");
        var list = await hr.GetDocumentAsync("/reports/subscriptions");
        var row = list.QuerySelector("#subscriptions tbody tr")!;
        Assert.Contains("4 rows, attached", row.QuerySelector(".last-send")!.TextContent);
        Assert.Contains("Weekly, on Wednesday", row.TextContent);
    }

    [Fact]
    public async Task MonthlyXlsx_IsSentOnItsDay_AndAnEmptyReportIsSkippedWhenAsked()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(hr, team.Query, "hr@academy.test", "Monthly", "20", "xlsx")).StatusCode);
        // Nobody of the department has an expired module: an empty report, to be skipped.
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(hr, team.Query + "&Status=Expired", "hr@academy.test", "Monthly", "20", "xlsx", skipEmpty: true)).StatusCode);

        site.Clock.Advance(TimeSpan.FromDays(14)); // 19 January
        await RunJobAsync(site);
        Assert.Empty(await SendsAsync(site));
        site.Clock.Advance(TimeSpan.FromDays(1)); // 20 January
        await RunJobAsync(site);
        var sends = await SendsAsync(site);
        Assert.Equal([ReportSendOutcome.Attached, ReportSendOutcome.SkippedEmpty], sends.Select(s => s.Outcome));
        Assert.Equal([4, 0], sends.Select(s => s.Rows));
        var mail = Assert.Single(await MailsAsync(site));

        hr = await site.SignInAsync("hr@academy.test");
        var screen = await ScreenAsync(hr, team.Query);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(await AttachmentAsync(site, mail)), false))
        {
            var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
            string Text(Cell c) => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "";
            var header = rows[0].Elements<Cell>().Select(Text).ToList();
            var status = header.IndexOf("Processing a refund correctly");
            var file = rows.Skip(1).ToDictionary(r => Text(r.Elements<Cell>().ElementAt(2)), r => Text(r.Elements<Cell>().ElementAt(status)));
            Assert.Equal(screen.OrderBy(r => r.Key), file.OrderBy(r => r.Key));
        }

        site.Clock.Advance(TimeSpan.FromDays(10)); // 30 January: January is done
        await RunJobAsync(site);
        Assert.Equal(2, (await SendsAsync(site)).Count);
        site.Clock.Advance(TimeSpan.FromDays(21)); // 20 February
        await RunJobAsync(site);
        Assert.Equal(4, (await SendsAsync(site)).Count);
        Assert.Equal(2, (await MailsAsync(site)).Count);
        hr = await site.SignInAsync("hr@academy.test");
        Assert.Contains("Not sent: empty", (await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelectorAll("#subscriptions .last-send")[1].TextContent);
    }

    [Fact]
    public async Task AReportOverTheLimit_GoesAsALink_ThatDownloadsTheFile_ThenExpires_AndATamperedLinkIsRefused()
    {
        using var site = new ClockFactory(settings: new() { ["Academy:Reports:AttachmentLimitBytes"] = "100", ["Academy:PublicUrl"] = "https://academy.example" });
        // The data protector checks a link's expiry against the system clock: the site's clock is put after it, so the
        // link is good for the protector and the site's clock alone decides when it expires.
        site.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddDays(1));
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        var today = site.Clock.GetUtcNow().DayOfWeek.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(hr, team.Query, "auditor@example.com", "Weekly", today, "csv")).StatusCode);

        await RunJobAsync(site);
        var mail = Assert.Single(await MailsAsync(site));
        Assert.Null(mail.AttachmentId);
        Assert.Equal(ReportSendOutcome.Link, Assert.Single(await SendsAsync(site)).Outcome);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.Text, @"https://academy\.example/reports/download\?\S+").Value);

        // Anyone with the link, without an account: the page offers the file, the button downloads it.
        var auditor = site.NewClient();
        var page = await auditor.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull((await HttpClientForms.ParseAsync(page)).QuerySelector("#download"));
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        var download = await auditor.PostFormAsync(link.PathAndQuery, new() { ["Token"] = token });
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var title = (await hr.GetDocumentAsync($"/reports?{team.Query}")).QuerySelector($"#report thead th[data-module={Module}]")!.TextContent.Trim();
        Assert.Equal((await ScreenAsync(hr, team.Query)).OrderBy(r => r.Key), ReadCsv(await download.Content.ReadAsByteArrayAsync(), title).OrderBy(r => r.Key));
        Assert.Contains("scheduled report link", (await hr.GetDocumentAsync("/reports/exports")).QuerySelector("#exports tbody tr")!.TextContent);

        var tampered = token[..^6] + (token[^6] == 'A' ? 'B' : 'A') + token[^5..];
        var refused = await auditor.GetAsync($"/reports/download?token={Uri.EscapeDataString(tampered)}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("This link is not valid", (await HttpClientForms.ParseAsync(refused)).QuerySelector("#link-problem")!.TextContent);
        var forged = await auditor.PostFormAsync($"/reports/download?token={Uri.EscapeDataString(tampered)}", new() { ["Token"] = tampered }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        site.Clock.Advance(TimeSpan.FromDays(8));
        var expired = await auditor.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This link expired on", (await HttpClientForms.ParseAsync(expired)).QuerySelector("#link-problem")!.TextContent);
    }

    [Fact]
    public async Task AManagersSubscription_MailsOnlyTheirReports_AndALearnerGets403()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var boss = await site.SignInAsync(team.People["Boss"].Email);
        // Boss filters by the department, which holds Dan too: the scope keeps Dan out at send time.
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(boss, team.Query, team.People["Boss"].Email, "Weekly", "Monday", "csv")).StatusCode);
        var hr = await site.SignInAsync("hr@academy.test");
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(hr, team.Query, "hr@academy.test", "Weekly", "Monday", "csv")).StatusCode);

        await RunJobAsync(site);
        var mails = await MailsAsync(site);
        var title = (await hr.GetDocumentAsync($"/reports?{team.Query}")).QuerySelector($"#report thead th[data-module={Module}]")!.TextContent.Trim();
        var bossFile = ReadCsv(await AttachmentAsync(site, mails.Single(m => m.To == team.People["Boss"].Email)), title);
        Assert.Equal(new[] { "Ana", "Ben" }.Select(n => team.People[n].Email).Order(), bossFile.Keys.Order());
        var hrFile = ReadCsv(await AttachmentAsync(site, mails.Single(m => m.To == "hr@academy.test")), title);
        Assert.Contains(team.People["Dan"].Email, hrFile.Keys);

        // Each sees their own subscriptions; HR sees all and may edit the manager's, the manager not HR's.
        var bossList = await boss.GetDocumentAsync("/reports/subscriptions");
        Assert.Single(bossList.QuerySelectorAll("#subscriptions tbody tr"));
        Assert.Equal(2, (await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelectorAll("#subscriptions tbody tr").Length);
        var hrId = (await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelectorAll("#subscriptions tbody tr")
            .Select(r => r.GetAttribute("data-subscription")!).Except(bossList.QuerySelectorAll("#subscriptions tbody tr").Select(r => r.GetAttribute("data-subscription")!)).Single();
        Assert.Equal(HttpStatusCode.NotFound, (await boss.GetAsync($"/reports/subscriptions/edit/{hrId}")).StatusCode);
        var deleteOthers = await boss.PostFormAsync($"/reports/subscriptions?handler=Delete&id={hrId}", [], "/reports/subscriptions");
        Assert.Equal(HttpStatusCode.NotFound, deleteOthers.StatusCode);

        var dan = await site.SignInAsync(team.People["Dan"].Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync("/reports/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync($"/reports/subscriptions/edit?{team.Query}")).StatusCode);
        var token = await HttpClientForms.AntiforgeryTokenAsync(dan, "/");
        var post = await dan.PostAsync("/reports/subscriptions/edit", new FormUrlEncodedContent([new("Input.Recipients", "dan@example.com"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task BadAddresses_GetAMessageEach_AndPauseAndDeleteWork()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        var bad = await ScheduleAsync(hr, team.Query, "good@example.com, not-an-address; bob@", "Weekly", "Monday", "csv");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var errors = (await HttpClientForms.ParseAsync(bad)).QuerySelectorAll("#recipients-error li").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["“not-an-address” is not an email address.", "“bob@” is not an email address."], errors);
        var none = await ScheduleAsync(hr, team.Query, " ", "Monthly", "40", "csv");
        var page = await HttpClientForms.ParseAsync(none);
        Assert.Contains("Enter at least one email address.", page.QuerySelector("#recipients-error")!.TextContent);
        Assert.Contains("Choose a day of the month from 1 to 31.", page.QuerySelector("#schedule-form")!.TextContent);
        Assert.NotNull((await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelector("#no-subscriptions"));

        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(hr, team.Query, "good@example.com", "Weekly", "Monday", "csv")).StatusCode);
        var id = (await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelector("#subscriptions tbody tr")!.GetAttribute("data-subscription")!;
        await hr.PostFormAsync($"/reports/subscriptions?handler=Pause&id={id}", new() { ["paused"] = "true" }, "/reports/subscriptions");
        await RunJobAsync(site);
        Assert.Empty(await SendsAsync(site));
        await hr.PostFormAsync($"/reports/subscriptions?handler=Pause&id={id}", new() { ["paused"] = "false" }, "/reports/subscriptions");
        await RunJobAsync(site);
        Assert.Single(await SendsAsync(site));

        var edited = await hr.PostFormAsync($"/reports/subscriptions/edit/{id}", new()
        {
            ["Input.Recipients"] = "other@example.com", ["Input.Frequency"] = "Monthly", ["Input.DayOfMonth"] = "3", ["Input.Format"] = "xlsx",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var row = (await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelector("#subscriptions tbody tr")!.TextContent;
        Assert.Contains("other@example.com", row);
        Assert.Contains("Monthly, on day 3", row);
        Assert.Contains(team.Department, row);

        await hr.PostFormAsync($"/reports/subscriptions?handler=Delete&id={id}", [], "/reports/subscriptions");
        Assert.NotNull((await hr.GetDocumentAsync("/reports/subscriptions")).QuerySelector("#no-subscriptions"));
        Assert.Empty(await SendsAsync(site));
    }
}
