using System.IO.Pipelines;
using System.Text;
using Academy.Domain.Assignments;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Pages.Reports;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The export's own reader against the screen's, and the export's streaming.</summary>
[Collection(HostCollection.Name)]
public sealed class ReportExportTests
{
    /// <summary>Every cell of every module, for people covered by a module's assignment, a program's, a removed one, a
    /// refresher, several completions, lessons read and quiz attempts: the CSV says what the screen says.</summary>
    [Fact]
    public async Task CsvExport_HasTheScreensStatusInEveryCell_AndTheStatusFilter()
    {
        using var site = new ClockFactory();
        var department = $"Export {Guid.NewGuid():N}"[..15];
        var now = site.Clock.GetUtcNow();
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
            async Task<string> Add(string name)
            {
                var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@academy.test";
                var employee = new Employee { UserName = email, Email = email, FullName = $"{name} Export", Department = department, HireDate = new DateOnly(2024, 5, 2) };
                Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
                return employee.Id;
            }
            Assignment Assign(string employee, ItemKind kind, string item, DateOnly due, int cycle = 0, DateTimeOffset? removed = null, DateTimeOffset? completed = null,
                DateTimeOffset? expires = null) => new()
            {
                EmployeeId = employee, ItemKind = kind, ItemId = item, Cycle = cycle, Source = cycle == 0 ? AssignmentSource.Manual : AssignmentSource.Refresher,
                Reason = "test", AssignedAt = now.AddDays(-40 + cycle), DueOn = due, RemovedAt = removed, CompletedAt = completed, ExpiresAt = expires,
            };
            ModuleCompletion Completed(string employee, string module, int sequence, int daysAgo, int? expiresIn = null) => new()
            {
                EmployeeId = employee, ModuleId = module, Sequence = sequence, ModuleVersion = 1, CompletedAt = now.AddDays(-daysAgo),
                ExpiresAt = expiresIn is { } days ? now.AddDays(days) : null,
            };
            var (ivy, jon, kim, lou) = (await Add("Ivy"), await Add("Jon"), await Add("Kim"), await Add("Lou"));
            db.Assignments.AddRange(
                // Ivy: the back-office program (overdue), and her own refunds assignment, completed.
                Assign(ivy, ItemKind.Program, "back-office", new DateOnly(2026, 1, 1)),
                Assign(ivy, ItemKind.Module, "refunds", new DateOnly(2026, 3, 1), completed: now.AddDays(-2)),
                // Jon: a removed assignment (not assigned), a refresher cycle expiring, and a module started by a quiz attempt.
                Assign(jon, ItemKind.Module, "escalation", new DateOnly(2025, 12, 1), removed: now.AddDays(-5)),
                Assign(jon, ItemKind.Module, "listen-first", new DateOnly(2025, 11, 1), completed: now.AddDays(-380)),
                Assign(jon, ItemKind.Module, "listen-first", new DateOnly(2026, 1, 30), cycle: 1, expires: now.AddDays(10)),
                Assign(jon, ItemKind.Module, "complaint-recovery", new DateOnly(2026, 2, 15)),
                // Kim: the onboarding program, due later.
                Assign(kim, ItemKind.Program, "onboarding", new DateOnly(2026, 2, 20)));
            db.ModuleCompletions.AddRange(
                Completed(ivy, "refunds", 1, 2),
                Completed(jon, "listen-first", 1, 380, expiresIn: -15),
                Completed(jon, "listen-first", 2, 355, expiresIn: 10),
                // Lou has no assignment: an old completion, expired, then read again (in progress).
                Completed(lou, "warm-welcome", 1, 400, expiresIn: -35));
            db.LessonViews.Add(new LessonView { EmployeeId = lou, ModuleId = "warm-welcome", LessonNumber = 1, FirstReadAt = now.AddDays(-1), ReadAt = now.AddDays(-1) });
            var quiz = content.Module("complaint-recovery")!.Quizzes[0];
            db.QuizAttempts.Add(new QuizAttempt { EmployeeId = jon, ModuleId = "complaint-recovery", QuizId = quiz.Id, ContentVersionId = quiz.Default.VersionId, StartedAt = now.AddDays(-3) });
            await db.SaveChangesAsync();
        }
        var hr = await site.SignInAsync("hr@academy.test");
        var query = $"Department={Uri.EscapeDataString(department)}";

        foreach (var filter in new[] { query, query + "&Status=InProgress", query + "&Status=Overdue" })
        {
            var page = await hr.GetDocumentAsync($"/reports?{filter}");
            var titles = page.QuerySelectorAll("#report thead th[data-module]").ToDictionary(h => h.GetAttribute("data-module")!, h => h.TextContent.Trim());
            var screen = page.QuerySelectorAll("#report tbody tr").ToDictionary(r => r.GetAttribute("data-employee")!,
                r => titles.Keys.ToDictionary(m => m, m => r.QuerySelector($"td[data-module={m}] .status")!.TextContent.Trim()));
            Assert.NotEmpty(screen);

            var csv = await hr.PostFormAsync($"/reports?handler=Export&{filter}", new() { ["format"] = "csv" }, $"/reports?{filter}");
            using var reader = CsvReader.Create(await csv.Content.ReadAsByteArrayAsync());
            var exported = new Dictionary<string, Dictionary<string, string>>();
            while (reader.Read())
                exported[reader.GetString("Email")] = titles.ToDictionary(t => t.Key, t => reader.GetString(t.Value));
            Assert.Equal(screen.Keys.Order(), exported.Keys.Order());
            foreach (var (email, cells) in screen)
                Assert.Equal(cells, exported[email]);
        }
        // The cases above did cover the statuses that need each source (program, refresher, completion, activity).
        var all = await hr.GetDocumentAsync($"/reports?{query}");
        var statuses = all.QuerySelectorAll("#report tbody td[data-module]").Select(c => c.GetAttribute("data-status")!).ToHashSet();
        Assert.Superset(new HashSet<string> { "Overdue", "Completed", "Expiring", "InProgress", "Assigned", "NotAssigned" }, statuses);
    }

    private static readonly ReportModule[] Modules = [new("refunds", "Refunds", "en", null)];

    private static readonly ReportExport.Headers Headers = new(["Employee number", "Name", "Email", "Department", "Location", "Job role", "Manager", "Hire date"],
        "Completed", "Overdue", "(date)");

    private static ReportRow Row(int i) => new($"id-{i}", $"E{i}", $"Person {i}", $"p{i}@academy.test", "Billing", "Lyon", "Clerk", null, new DateOnly(2024, 1, 1),
        [new TrainingCell(TrainingStatus.Assigned, null, new DateOnly(2026, 2, 1), null, null)]);

    /// <summary>Two rows, and what the destination had received when the writer asked for the second.</summary>
    private static async IAsyncEnumerable<ReportRow> Rows(Func<byte[]> sent, List<byte[]> seen)
    {
        yield return Row(1);
        seen.Add(sent());
        await Task.Yield();
        yield return Row(2);
    }

    /// <summary>The header and the first row reach the response before the second row is read: the download starts
    /// with the first rows, not once a buffer has filled (at 50,000 employees, after many queries).</summary>
    [Fact]
    public async Task CsvExport_SendsTheHeaderAndFirstRow_BeforeReadingTheNext()
    {
        using var body = new MemoryStream();
        var seen = new List<byte[]>();
        Assert.Equal(2, await ReportExport.WriteCsvAsync(body, Rows(body.ToArray, seen), Modules, Headers, s => s.ToString(), CancellationToken.None));
        var before = Encoding.UTF8.GetString(seen.Single()).Split("\r\n");
        Assert.StartsWith("\uFEFFEmployee number,Name,Email", before[0]);
        Assert.Equal("E1,Person 1,p1@academy.test,Billing,Lyon,Clerk,,2024-01-01,0,0,Assigned,2026-02-01", before[1]);
        Assert.Equal(3, Encoding.UTF8.GetString(body.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task XlsxExport_StartsSendingBeforeReadingTheSecondRow()
    {
        using var body = new MemoryStream();
        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        var seen = new List<byte[]>();
        Assert.Equal(2, await ReportExport.WriteXlsxAsync(pipe, Rows(body.ToArray, seen), Modules, Headers, s => s.ToString(), "Report", CancellationToken.None));
        await pipe.CompleteAsync();
        // A zip's first local file header: the package's first entries have left.
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), seen.Single()[..4]);
        Assert.True(body.Length > seen.Single().Length);
    }
}
