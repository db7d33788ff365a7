using System.Diagnostics;
using System.Net;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class ReportPagesTests
{
    private const string Module = "refunds";

    /// <summary>A department of its own, with one employee in each status on the refunds module at the clock's start
    /// (5 January 2026). Boss manages Ana (who manages Ben) and Cleo; Dan reports to nobody.</summary>
    private sealed record Team(string Department, Dictionary<string, (string Id, string Email)> People);

    private static async Task<Team> SeedAsync(ClockFactory site)
    {
        var department = $"Audit {Guid.NewGuid():N}"[..14];
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var people = new Dictionary<string, (string Id, string Email)>();
        async Task<string> Add(string name, string? managerOf = null, string? jobRole = "Auditor", string? location = "Paris")
        {
            var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@academy.test";
            var employee = new Employee
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = $"{name} Report", Department = department, JobRole = jobRole, Location = location,
                ManagerId = managerOf is null ? null : people[managerOf].Id, HireDate = new DateOnly(2025, 3, 1), EmployeeNumber = $"R{Random.Shared.Next(100_000_000)}",
            };
            Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
            await users.AddToRoleAsync(employee, "Learner");
            people[name] = (employee.Id, email);
            return employee.Id;
        }
        await Add("Boss");
        var ana = await Add("Ana", "Boss");
        // A job role and a location that a spreadsheet would run as formulas.
        var ben = await Add("Ben", "Ana", jobRole: "=HYPERLINK(\"http://evil.test\",\"x\")", location: "+33 Lyon");
        var cleo = await Add("Cleo", "Boss");
        await Add("Dan");
        var eve = await Add("Eve");
        var fay = await Add("Fay");
        var gus = await Add("Gus");

        var now = site.Clock.GetUtcNow();
        Assignment Assign(string employee, DateOnly due, int cycle = 0, DateTimeOffset? expires = null, DateTimeOffset? completed = null) => new()
        {
            EmployeeId = employee, ItemKind = ItemKind.Module, ItemId = Module, Cycle = cycle, Source = cycle == 0 ? AssignmentSource.Manual : AssignmentSource.Refresher,
            Reason = "test", AssignedAt = now.AddDays(-40), DueOn = due, ExpiresAt = expires, CompletedAt = completed,
        };
        db.Assignments.AddRange(
            Assign(ana, new DateOnly(2026, 1, 1)),
            Assign(ben, new DateOnly(2026, 2, 1)),
            Assign(cleo, new DateOnly(2026, 1, 1), completed: now.AddDays(-10)),
            Assign(eve, new DateOnly(2026, 1, 25), cycle: 1, expires: now.AddDays(15)),
            Assign(fay, new DateOnly(2025, 12, 20), cycle: 1, expires: now.AddDays(-1)),
            Assign(gus, new DateOnly(2026, 3, 1)));
        db.ModuleCompletions.AddRange(
            new ModuleCompletion { EmployeeId = cleo, ModuleId = Module, Sequence = 1, ModuleVersion = 1, CompletedAt = now.AddDays(-10), ExpiresAt = now.AddDays(355) },
            new ModuleCompletion { EmployeeId = eve, ModuleId = Module, Sequence = 1, ModuleVersion = 1, CompletedAt = now.AddDays(-350), ExpiresAt = now.AddDays(15) },
            new ModuleCompletion { EmployeeId = fay, ModuleId = Module, Sequence = 1, ModuleVersion = 1, CompletedAt = now.AddDays(-366), ExpiresAt = now.AddDays(-1) });
        db.LessonViews.Add(new LessonView { EmployeeId = ben, ModuleId = Module, LessonNumber = 1, FirstReadAt = now.AddDays(-1), ReadAt = now.AddDays(-1) });
        await db.SaveChangesAsync();
        return new Team(department, people);
    }

    private static async Task<Dictionary<string, (string Status, int Completed, int Overdue)>> ScreenAsync(HttpClient client, string query)
    {
        var page = await client.GetDocumentAsync($"/reports?{query}");
        return page.QuerySelectorAll("#report tbody tr").ToDictionary(
            r => r.GetAttribute("data-employee")!,
            r => (r.QuerySelector($"td[data-module={Module}]")!.GetAttribute("data-status")!,
                int.Parse(r.QuerySelector(".completed-count")!.TextContent), int.Parse(r.QuerySelector(".overdue-count")!.TextContent)));
    }

    [Fact]
    public async Task ProgramView_ShowsEachProgramsStatus_FromItsModules()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        // Hal has the back-office program assigned and has completed its three modules.
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var email = $"hal-{Guid.NewGuid():N}@academy.test";
            var employee = new Employee { UserName = email, Email = email, FullName = "Hal Report", Department = team.Department };
            Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
            team.People["Hal"] = (employee.Id, email);
            var now = site.Clock.GetUtcNow();
            db.Assignments.Add(new Assignment
            {
                EmployeeId = employee.Id, ItemKind = ItemKind.Program, ItemId = "back-office", Source = AssignmentSource.Manual, Reason = "test",
                AssignedAt = now.AddDays(-30), DueOn = new DateOnly(2026, 2, 1),
            });
            foreach (var (module, days) in new[] { ("listen-first", 20), ("escalation", 12), (Module, 3) })
                db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = employee.Id, ModuleId = module, Sequence = 1, ModuleVersion = 1, CompletedAt = now.AddDays(-days) });
            await db.SaveChangesAsync();
        }
        var query = $"Department={Uri.EscapeDataString(team.Department)}&ByProgram=true";

        var page = await hr.GetDocumentAsync($"/reports?{query}");
        Assert.Equal(["back-office", "onboarding"], page.QuerySelectorAll("#report thead th[data-program]").Select(h => h.GetAttribute("data-program")!).Order());
        Assert.Empty(page.QuerySelectorAll("#report thead th[data-module]"));
        Assert.True(page.QuerySelector("#ByProgram")!.HasAttribute("checked"));
        var cells = page.QuerySelectorAll("#report tbody tr").ToDictionary(r => r.GetAttribute("data-employee")!,
            r => r.QuerySelector("td[data-program=back-office]")!.GetAttribute("data-status")!);
        string Status(string name) => cells[team.People[name].Email];
        Assert.Equal("Overdue", Status("Ana"));
        Assert.Equal("InProgress", Status("Ben"));
        // Cleo completed refunds, one of the program's three modules: started, not done.
        Assert.Equal("InProgress", Status("Cleo"));
        Assert.Equal("NotAssigned", Status("Dan"));
        Assert.Equal("Expired", Status("Fay"));
        Assert.Equal("Assigned", Status("Gus"));
        Assert.Equal("Completed", Status("Hal"));
        var halRow = page.QuerySelector($"#report tbody tr[data-employee='{team.People["Hal"].Email}']")!;
        // Dated by the last of the three completions, 3 days before the clock's 5 January 2026.
        Assert.Contains("2", halRow.QuerySelector("td[data-program=back-office] .date")!.TextContent);
        Assert.Contains("2026", halRow.QuerySelector("td[data-program=back-office] .date")!.TextContent);
        // Hal's onboarding is three of six modules done with nothing else assigned: in progress, not completed.
        Assert.Equal("InProgress", halRow.QuerySelector("td[data-program=onboarding]")!.GetAttribute("data-status"));
        Assert.Equal("1", halRow.QuerySelector(".completed-count")!.TextContent);

        // The status filter and the program filter apply to the program columns.
        var completed = await hr.GetDocumentAsync($"/reports?{query}&Program=back-office&Status=Completed");
        Assert.Equal([team.People["Hal"].Email], completed.QuerySelectorAll("#report tbody tr").Select(r => r.GetAttribute("data-employee")!));
        Assert.Equal(["back-office"], completed.QuerySelectorAll("#report thead th[data-program]").Select(h => h.GetAttribute("data-program")!));
    }

    [Fact]
    public async Task Report_ShowsEachStatusOnTheFakeClock_AndMovesWithIt()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        var query = $"Department={Uri.EscapeDataString(team.Department)}&Module={Module}";

        var screen = await ScreenAsync(hr, query);
        string Status(string name) => screen[team.People[name].Email].Status;
        Assert.Equal(8, screen.Count);
        Assert.Equal("Overdue", Status("Ana"));
        Assert.Equal("InProgress", Status("Ben"));
        Assert.Equal("Completed", Status("Cleo"));
        Assert.Equal("NotAssigned", Status("Dan"));
        Assert.Equal("Expiring", Status("Eve"));
        Assert.Equal("Expired", Status("Fay"));
        Assert.Equal("Assigned", Status("Gus"));
        Assert.Equal((1, 0), (screen[team.People["Cleo"].Email].Completed, screen[team.People["Cleo"].Email].Overdue));

        var overdueOnly = await ScreenAsync(hr, query + "&Status=Overdue");
        Assert.Equal([team.People["Ana"].Email], overdueOnly.Keys);

        // A month later Ben's due date has passed, Eve's completion has expired, and Gus is still in time.
        site.Clock.Advance(TimeSpan.FromDays(31));
        hr = await site.SignInAsync("hr@academy.test");
        screen = await ScreenAsync(hr, query);
        Assert.Equal("Overdue", Status("Ben"));
        Assert.Equal("Expired", Status("Eve"));
        Assert.Equal("Assigned", Status("Gus"));

        var ben = await hr.GetDocumentAsync($"/reports/employee/{team.People["Ben"].Id}");
        Assert.Contains("Ben Report", ben.QuerySelector("h1")!.TextContent);
        Assert.Contains("Overdue", ben.QuerySelector($"#modules tr[data-module={Module}]")!.TextContent);
        Assert.Contains("Processing a refund correctly", ben.QuerySelector("#assignments")!.TextContent);

        var rollups = await hr.GetDocumentAsync($"/reports/rollups?{query}");
        var row = rollups.QuerySelector($"#by-department tr[data-name='{team.Department}']")!;
        // 6 assigned cells (Boss and Dan have none); Cleo's is the one completion still valid; Ana and Ben are overdue.
        Assert.Equal("8", row.QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("6", row.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("17%", row.QuerySelector(".completion")!.TextContent.Replace("\u00a0", "").Replace("\u202f", ""));
        Assert.Equal("33%", row.QuerySelector(".overdue")!.TextContent.Replace("\u00a0", "").Replace("\u202f", ""));

        var bad = await hr.GetDocumentAsync("/reports?HiredFrom=2026-02-01&HiredTo=2026-01-01");
        Assert.Contains("The hire date range ends before it starts.", bad.QuerySelector("[role=alert]")!.TextContent);
        var garbage = await hr.GetAsync("/reports?HiredFrom=yesterday&Status=Sleeping");
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.NotNull((await HttpClientForms.ParseAsync(garbage)).QuerySelector("[role=alert]"));
    }

    [Fact]
    public async Task Manager_SeesOnlyTheirReports_DirectAndIndirect_AndALearnerGets403()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var boss = await site.SignInAsync(team.People["Boss"].Email);
        var screen = await ScreenAsync(boss, $"Module={Module}");
        Assert.Equal(new[] { "Ana", "Ben", "Cleo" }.Select(n => team.People[n].Email).Order(), screen.Keys.Order());
        Assert.Equal(HttpStatusCode.OK, (await boss.GetAsync($"/reports/employee/{team.People["Ben"].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await boss.GetAsync($"/reports/employee/{team.People["Dan"].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await boss.GetAsync("/reports/exports")).StatusCode);
        Assert.Contains("/reports", (await boss.GetDocumentAsync("/")).QuerySelector("nav.bar")!.InnerHtml);

        var dan = await site.SignInAsync(team.People["Dan"].Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync($"/reports/employee/{team.People["Dan"].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync("/reports/rollups")).StatusCode);
        var token = await HttpClientForms.AntiforgeryTokenAsync(dan, "/");
        var export = await dan.PostAsync("/reports?handler=Export", new FormUrlEncodedContent([new("format", "csv"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.DoesNotContain("/reports", (await dan.GetDocumentAsync("/")).QuerySelector("nav.bar")!.InnerHtml);
    }

    [Fact]
    public async Task Exports_MatchTheScreen_AreNeutralised_Audited_AndOpenInLibreOffice()
    {
        using var site = new ClockFactory();
        var team = await SeedAsync(site);
        var hr = await site.SignInAsync("hr@academy.test");
        var query = $"Department={Uri.EscapeDataString(team.Department)}";
        var screen = await ScreenAsync(hr, query + $"&Module={Module}");
        var all = await hr.GetDocumentAsync($"/reports?{query}");
        var moduleTitles = all.QuerySelectorAll("#report thead th[data-module]").Select(h => h.TextContent.Trim()).ToList();
        var statusText = all.QuerySelectorAll("#report tbody tr").ToDictionary(r => r.GetAttribute("data-employee")!,
            r => r.QuerySelector($"td[data-module={Module}] .status")!.TextContent.Trim());

        var xlsx = await hr.PostFormAsync($"/reports?handler=Export&{query}", new() { ["format"] = "xlsx" }, $"/reports?{query}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var xlsxBytes = await xlsx.Content.ReadAsByteArrayAsync();
        var csv = await hr.PostFormAsync($"/reports?handler=Export&{query}", new() { ["format"] = "csv" }, $"/reports?{query}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString());
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);

        // The XLSX, read with the OpenXML SDK: one row per employee, the module's status as on screen, typed cells.
        using (var document = SpreadsheetDocument.Open(new MemoryStream(xlsxBytes), false))
        {
            var part = document.WorkbookPart!.WorksheetParts.Single();
            var rows = part.Worksheet.Descendants<Row>().ToList();
            string Text(Cell c) => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "";
            var header = rows[0].Elements<Cell>().Select(Text).ToList();
            Assert.Equal(9, rows.Count);
            Assert.All(moduleTitles, title => Assert.Contains(title, header));
            var statusColumn = header.IndexOf(all.QuerySelector($"#report thead th[data-module={Module}]")!.TextContent.Trim());
            foreach (var row in rows.Skip(1))
            {
                var cells = row.Elements<Cell>().ToList();
                var email = Text(cells[2]);
                Assert.Equal(statusText[email], Text(cells[statusColumn]));
                Assert.Equal(screen[email].Completed.ToString(), Text(cells[header.IndexOf("Completed")]));
                Assert.Null(cells[header.IndexOf("Completed")].DataType);
            }
            var ben = rows.Skip(1).Single(r => Text(r.Elements<Cell>().ElementAt(2)) == team.People["Ben"].Email).Elements<Cell>().ToList();
            Assert.Equal("'=HYPERLINK(\"http://evil.test\",\"x\")", Text(ben[header.IndexOf("Job role")]));
            Assert.Equal("'+33 Lyon", Text(ben[header.IndexOf("Location")]));
            var hired = ben[header.IndexOf("Hire date")];
            Assert.Equal(new DateTime(2025, 3, 1).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), hired.CellValue!.Text);
            Assert.Equal(1u, hired.StyleIndex!.Value);
            Assert.Equal(PaneStateValues.Frozen, part.Worksheet.Descendants<Pane>().Single().State!.Value);
            Assert.NotEmpty(part.Worksheet.Descendants<Column>());
        }

        // The CSV, read with CsvHelper: the same rows and statuses, the same neutralised cells.
        using (var reader = CsvReader.Create(csvBytes))
        {
            var seen = 0;
            while (reader.Read())
            {
                var email = reader.GetString("Email");
                Assert.Equal(statusText[email], reader.GetString(reader.GetFieldIndex(all.QuerySelector($"#report thead th[data-module={Module}]")!.TextContent.Trim())));
                Assert.Equal(screen[email].Overdue.ToString(), reader.GetString("Overdue"));
                if (email == team.People["Ben"].Email)
                {
                    Assert.Equal("'=HYPERLINK(\"http://evil.test\",\"x\")", reader.GetString("Job role"));
                    Assert.Equal("2025-03-01", reader.GetString("Hire date"));
                }
                seen++;
            }
            Assert.Equal(8, seen);
        }

        var audit = await hr.GetDocumentAsync("/reports/exports");
        var lines = audit.QuerySelectorAll("#exports tbody tr").Take(2).Select(r => r.TextContent).ToList();
        Assert.All(lines, l => Assert.Contains("Jordan Lee", l));
        Assert.All(lines, l => Assert.Contains(team.Department, l));
        Assert.Contains("CSV", lines[0]);
        Assert.Contains("XLSX", lines[1]);
        Assert.All(audit.QuerySelectorAll("#exports tbody tr").Take(2), r => Assert.Equal("8", r.QuerySelector(".num")!.TextContent.Trim()));

        // LibreOffice (installed by .ci/run) opens both: it converts the XLSX to CSV and the CSV to XLSX.
        var folder = Directory.CreateTempSubdirectory("academy-lo-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "report.xlsx"), xlsxBytes);
            await File.WriteAllBytesAsync(Path.Combine(folder, "export.csv"), csvBytes);
            await LibreOfficeAsync(folder, "csv:Text - txt - csv (StarCalc):44,34,76", "report.xlsx");
            await LibreOfficeAsync(folder, "xlsx", "export.csv");
            var fromXlsx = await File.ReadAllTextAsync(Path.Combine(folder, "report.csv"));
            Assert.Contains(team.People["Ben"].Email, fromXlsx);
            Assert.Contains("'=HYPERLINK(", fromXlsx);
            Assert.True(new FileInfo(Path.Combine(folder, "export.xlsx")).Length > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task LibreOfficeAsync(string folder, string to, string file)
    {
        var start = new ProcessStartInfo("libreoffice", ["--headless", $"-env:UserInstallation=file://{folder}/profile", "--convert-to", to, "--outdir", folder, Path.Combine(folder, file)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("libreoffice did not start: .ci/run installs libreoffice-calc.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"libreoffice {file}: {await output} {await error}");
    }
}
