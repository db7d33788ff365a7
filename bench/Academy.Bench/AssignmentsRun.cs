using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Bench;

/// <summary>The assignment sync and the refresher scan over N generated employees × 60 modules of completions, each
/// against a raw SQL read of the same rows on the same database in the same rounds; then "My learning" for a learner
/// with 60 assignments against a lesson page, same client, same rounds.</summary>
/// <remarks>
/// <para>The real site runs in this process on TestServer, as <see cref="PreviewRun"/> starts it, with no Hangfire
/// server (<c>Academy:Jobs:Enabled=false</c>: the jobs are resolved from the site's container and run directly, as
/// the tests do) and 60 modules of <see cref="GeneratedContent"/> (45 of them with a refresher of 90 days to 2 years).
/// The site's migrations create the schema; employees and completions are then inserted with raw SQL in one
/// transaction, and one "everyone" rule per module through EF.</para>
/// <para>Peak memory is the largest managed heap seen by a 2 ms sampler while a job runs, after a full collection
/// before it; the heap before the run is printed beside it, so the growth is the difference.</para>
/// </remarks>
public static partial class AssignmentsRun
{
    private const int ModuleCount = 60;
    private const string Password = "Academy-Bench-2026";
    private const string LearnerEmail = "bench-learner@academy.test";

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    private sealed record Options(int[] Sizes, int Rounds, int PageWarmup, int PageRounds, bool Write);

    private sealed record Timed(double Ms, double HeapBeforeMb, double HeapPeakMb, double AllocatedMb);

    private sealed record JobsResult(int Employees, int Completions, double GenerateS, Timed SyncFirst, Timed ScanFirst,
        double SyncMedian, double SyncRawMedian, double ScanMedian, double ScanRawMedian, double SyncPeakMb, double ScanPeakMb,
        double HeapBeforeMb, long Assignments, long Notifications, long DueRows, string LoadBefore, string LoadAfter);

    private sealed record PageResult(double HomeMedian, double HomeP99, double ModuleMedian, double ModuleP99, int HomeBytes, int ModuleBytes,
        int Assigned, string LoadBefore, string LoadAfter);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"assignments: {e.Message}");
            Console.Error.WriteLine("usage: Academy.Bench assignments [--sizes 1000,10000] [--rounds 3] [--page-warmup 100] [--page-rounds 300] [--no-write]");
            return 2;
        }

        var results = new List<JobsResult>();
        foreach (var size in options.Sizes)
        {
            Console.WriteLine($"{size} employees × {ModuleCount} modules: starting the site, generating...");
            var result = await JobsAsync(size, options.Rounds);
            Console.WriteLine(string.Join(Environment.NewLine, JobLines([result])));
            results.Add(result);
        }
        PageResult? page = null;
        if (options.PageRounds > 0)
        {
            Console.WriteLine("My learning against the lesson page...");
            page = await PageAsync(options);
        }

        var lines = Summary(results, page, options).ToList();
        Console.WriteLine();
        foreach (var line in lines) Console.WriteLine(line);
        if (options.Write) WriteResults(Path.Combine(PreviewRun.RepositoryRoot(), "bench", "results", "assignments.md"), options, lines);
        return 0;
    }

    private static async Task<JobsResult> JobsAsync(int employees, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("academy-assign-bench-").FullName;
        try
        {
            GeneratedContent.WriteTo(Path.Combine(folder, "content"), GeneratedContent.Create(ModuleCount));
            await using var site = new Site(folder, seed: false);
            var catalog = site.Services.GetRequiredService<ContentCatalog>();
            var modules = catalog.Current.Modules.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            if (modules.Count != ModuleCount) throw new InvalidOperationException($"The site published {modules.Count} modules, not {ModuleCount}.");
            var now = TimeProvider.System.GetUtcNow();
            var database = Path.Combine(folder, "academy.db");

            var generate = Stopwatch.StartNew();
            var completions = Generate(database, employees, modules.Select(m => (m.Id, m.Default.Refresher)).ToList(), now);
            await AddRulesAsync(site.Services, modules.Select(m => m.Id), now);
            generate.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated {employees} employees, {completions} completions in {generate.Elapsed.TotalSeconds:0.0} s"));

            // The furthest a window opens ahead, as the scan computes it.
            var windows = modules.Where(m => m.Default.Refresher is not null).Select(m => m.Default.RefresherWindow).ToList();
            var horizon = windows.Select(w => now + (now - Refresher.WindowOpensAt(now, w))).Max().AddDays(1);
            var refresherModules = modules.Where(m => m.Default.Refresher is not null).Select(m => m.Id).ToList();

            var loadBefore = PreviewRun.LoadAverage();
            Console.WriteLine("  first sync (assigns every module to everyone)...");
            var syncFirst = await MeasureAsync(() => RunJobAsync<AssignmentSyncJob>(site.Services, (j, c) => j.RunAsync(c)));
            Console.WriteLine("  first refresher scan (assigns every due refresher)...");
            var scanFirst = await MeasureAsync(() => RunJobAsync<RefresherScanJob>(site.Services, (j, c) => j.RunAsync(c)));

            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            connection.Open();
            var (sync, syncRaw, scan, scanRaw) = (new List<Timed>(), new List<double>(), new List<Timed>(), new List<double>());
            long dueRows = 0;
            for (var round = 0; round < rounds; round++)
            {
                Console.WriteLine($"  round {round + 1}/{rounds}: sync, raw, scan, raw");
                sync.Add(await MeasureAsync(() => RunJobAsync<AssignmentSyncJob>(site.Services, (j, c) => j.RunAsync(c))));
                syncRaw.Add(Time(() => RawSyncRead(connection)));
                scan.Add(await MeasureAsync(() => RunJobAsync<RefresherScanJob>(site.Services, (j, c) => j.RunAsync(c))));
                scanRaw.Add(Time(() => dueRows = RawDueRows(connection, horizon, refresherModules)));
            }

            var assignments = Scalar(connection, "SELECT count(*) FROM Assignments");
            var notifications = Scalar(connection, "SELECT count(*) FROM Notifications");
            return new JobsResult(employees, completions, generate.Elapsed.TotalSeconds, syncFirst, scanFirst,
                Median(sync.Select(t => t.Ms)), Median(syncRaw), Median(scan.Select(t => t.Ms)), Median(scanRaw),
                sync.Max(t => t.HeapPeakMb), scan.Max(t => t.HeapPeakMb), sync.Min(t => t.HeapBeforeMb),
                assignments, notifications, dueRows, loadBefore, PreviewRun.LoadAverage());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Employees and one completion of each module each, in one transaction. Completion dates are spread over
    /// 1.1 times each module's validity, so that about a tenth have expired and a window's worth are due.</summary>
    private static int Generate(string database, int employees, List<(string Id, Validity? Refresher)> modules, DateTimeOffset now)
    {
        var toLong = new DateTimeOffsetToBinaryConverter();
        long Binary(DateTimeOffset value) => (long)toLong.ConvertToProvider(value)!;
        string[] departments = ["Front Desk", "Billing", "Logistics", "Housekeeping", "Kitchen", "Sales", "IT", "Human Resources"];
        string[] roles = ["Receptionist", "Night auditor", "Billing specialist", "Dispatcher", "Cook", "Account manager"];
        var random = new Random(2026);
        using var connection = new SqliteConnection($"Data Source={database};Foreign Keys=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var user = connection.CreateCommand();
        user.CommandText = """
            INSERT INTO AspNetUsers (Id, FullName, EmployeeNumber, Department, JobRole, ManagerId, HireDate, PreferredLanguage, IsActive,
                UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp,
                PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DigestOptOut, Location)
            VALUES ($id, $name, $number, $department, $role, $manager, $hire, $language, $active,
                $email, $upper, $email, $upper, 1, $stamp, $stamp, 0, 0, 1, 0, 0, $location)
            """;
        var userParameters = new[] { "$id", "$name", "$number", "$department", "$role", "$manager", "$hire", "$language", "$active", "$email", "$upper", "$stamp", "$location" }
            .ToDictionary(n => n, n => user.Parameters.Add(new SqliteParameter { ParameterName = n }));
        using var completion = connection.CreateCommand();
        completion.CommandText = """
            INSERT INTO ModuleCompletions (EmployeeId, ModuleId, Sequence, ModuleVersion, Score, CompletedAt, ExpiresAt)
            VALUES ($employee, $module, 1, 1, NULL, $completed, $expires)
            """;
        var (employee, module, completed, expires) = (completion.Parameters.Add(new SqliteParameter { ParameterName = "$employee" }),
            completion.Parameters.Add(new SqliteParameter { ParameterName = "$module" }), completion.Parameters.Add(new SqliteParameter { ParameterName = "$completed" }),
            completion.Parameters.Add(new SqliteParameter { ParameterName = "$expires" }));
        var count = 0;
        for (var i = 0; i < employees; i++)
        {
            var id = $"bench-{i:D6}";
            var email = $"{id}@academy.test";
            userParameters["$id"].Value = id;
            userParameters["$name"].Value = $"Employee {i}";
            userParameters["$number"].Value = $"E{i:D6}";
            userParameters["$department"].Value = departments[random.Next(departments.Length)];
            userParameters["$role"].Value = roles[random.Next(roles.Length)];
            // One manager per 20 people, inserted before their reports.
            userParameters["$manager"].Value = i % 20 == 0 ? DBNull.Value : $"bench-{i / 20 * 20:D6}";
            userParameters["$hire"].Value = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(30, 3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            userParameters["$language"].Value = random.Next(4) == 0 ? "fr" : "en";
            userParameters["$active"].Value = random.Next(100) == 0 ? 0 : 1;
            userParameters["$email"].Value = email;
            userParameters["$upper"].Value = email.ToUpperInvariant();
            userParameters["$stamp"].Value = Guid.NewGuid().ToString();
            userParameters["$location"].Value = random.Next(2) == 0 ? "Lyon" : "Paris";
            user.ExecuteNonQuery();
            foreach (var (moduleId, refresher) in modules)
            {
                var span = refresher is { } validity ? validity.AddTo(now) - now : TimeSpan.FromDays(365);
                var at = now - TimeSpan.FromSeconds(random.NextDouble() * 1.1 * span.TotalSeconds);
                employee.Value = id;
                module.Value = moduleId;
                completed.Value = Binary(at);
                expires.Value = refresher is { } r ? Binary(r.AddTo(at)) : DBNull.Value;
                completion.ExecuteNonQuery();
                count++;
            }
        }
        transaction.Commit();
        return count;
    }

    private static async Task AddRulesAsync(IServiceProvider services, IEnumerable<string> moduleIds, DateTimeOffset now)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        db.AssignmentRules.AddRange(moduleIds.Select(id => new AssignmentRule
        {
            ItemKind = ItemKind.Module, ItemId = id, RuleJson = new Everyone().ToJson(), DueKind = DueKind.AfterAssignment, DueAfter = "30 days",
            Reason = "Benchmark", CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
    }

    private static async Task RunJobAsync<TJob>(IServiceProvider services, Func<TJob, CancellationToken, Task> run) where TJob : notnull
    {
        using var scope = services.CreateScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>(), CancellationToken.None);
    }

    /// <summary>What the sync reads, in one statement: every active employee with every live rule and its assignment,
    /// through the primary key and the unique (employee, item, cycle) index.</summary>
    private static void RawSyncRead(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT u.Id, r.ItemId, a.Id, a.CompletedAt, a.RemovedAt
            FROM AspNetUsers u CROSS JOIN AssignmentRules r
            LEFT JOIN Assignments a ON a.EmployeeId = u.Id AND a.ItemKind = r.ItemKind AND a.ItemId = r.ItemId AND a.Cycle = 0
            WHERE u.IsActive = 1 AND r.RetiredAt IS NULL
            """;
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read()) { _ = reader.GetString(0); _ = reader.GetString(1); rows++; }
        if (rows == 0) throw new InvalidOperationException("The raw sync read found no rows.");
    }

    /// <summary>The due rows of the scan: each employee's latest completion of a module with a refresher that expires
    /// before the horizon, active employees only (the unique (employee, module, sequence) index answers "latest").</summary>
    private static long RawDueRows(SqliteConnection connection, DateTimeOffset horizon, List<string> moduleIds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT c.Id, c.EmployeeId, c.ModuleId, c.Sequence, c.ExpiresAt
            FROM ModuleCompletions c JOIN AspNetUsers u ON u.Id = c.EmployeeId AND u.IsActive = 1
            WHERE c.ExpiresAt IS NOT NULL AND c.ExpiresAt <= $horizon
              AND c.ModuleId IN (SELECT value FROM json_each($modules))
              AND NOT EXISTS (SELECT 1 FROM ModuleCompletions later WHERE later.EmployeeId = c.EmployeeId AND later.ModuleId = c.ModuleId AND later.Sequence > c.Sequence)
            ORDER BY c.Id
            """;
        command.Parameters.AddWithValue("$horizon", (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(horizon)!);
        command.Parameters.AddWithValue("$modules", System.Text.Json.JsonSerializer.Serialize(moduleIds));
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read()) { _ = reader.GetInt32(0); _ = reader.GetString(1); _ = reader.GetString(2); _ = reader.GetInt64(4); rows++; }
        return rows;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Times <paramref name="run"/> while a sampler records the largest managed heap, after a full collection.</summary>
    private static async Task<Timed> MeasureAsync(Func<Task> run)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try { await Task.Delay(2, stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var start = Stopwatch.GetTimestamp();
        await run();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        await stop.CancelAsync();
        await sampler;
        return new Timed(ms, before / 1048576.0, peak / 1048576.0, allocated / 1048576.0);
    }

    private static async Task<PageResult> PageAsync(Options options)
    {
        var folder = Directory.CreateTempSubdirectory("academy-mylearning-bench-").FullName;
        try
        {
            GeneratedContent.WriteTo(Path.Combine(folder, "content"), GeneratedContent.Create(ModuleCount));
            await using var site = new Site(folder, seed: false);
            var catalog = site.Services.GetRequiredService<ContentCatalog>();
            var modules = catalog.Current.Modules.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            var now = TimeProvider.System.GetUtcNow();

            // A learner with every module assigned by rule, a third completed (some of those expired or due for a
            // refresher), so that the page shows every kind of row.
            using (var scope = site.Services.CreateScope())
            {
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                if (!await roles.RoleExistsAsync(Roles.Learner)) await roles.CreateAsync(new IdentityRole(Roles.Learner));
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
                var learner = new Employee
                {
                    UserName = LearnerEmail, Email = LearnerEmail, EmailConfirmed = true, FullName = "Bench Learner", Department = "Front Desk",
                    JobRole = "Receptionist", HireDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-400), PreferredLanguage = "en",
                };
                var created = await users.CreateAsync(learner, Password);
                if (created.Succeeded) created = await users.AddToRoleAsync(learner, Roles.Learner);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
                var random = new Random(7);
                foreach (var module in modules.Where((_, i) => i % 3 == 0))
                {
                    var at = now - TimeSpan.FromDays(random.Next(1, 400));
                    db.ModuleCompletions.Add(new ModuleCompletion
                    {
                        EmployeeId = learner.Id, ModuleId = module.Id, Sequence = 1, ModuleVersion = 1, CompletedAt = at,
                        ExpiresAt = module.Default.Refresher?.AddTo(at),
                    });
                }
                await db.SaveChangesAsync();
            }
            await AddRulesAsync(site.Services, modules.Select(m => m.Id), now - TimeSpan.FromDays(40));
            await RunJobAsync<AssignmentSyncJob>(site.Services, (j, c) => j.RunAsync(c));
            await RunJobAsync<RefresherScanJob>(site.Services, (j, c) => j.RunAsync(c));
            int assigned;
            using (var scope = site.Services.CreateScope())
                assigned = scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Assignments.Count(a => a.Cycle == 0);
            if (assigned != ModuleCount) throw new InvalidOperationException($"The learner has {assigned} assignments, not {ModuleCount}.");

            using var client = site.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
            });
            var token = Token(await GetStringAsync(client, "/account/login"), "/account/login");
            using (var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
                   {
                       ["Input.Email"] = LearnerEmail, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
                   })))
                if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}.");

            // The lesson page of the module page benchmarks: lesson 2 of a module, opened once so that later GETs write nothing.
            var lesson = $"/modules/{modules[1].Id}/2";
            var home = await GetStringAsync(client, "/");
            var moduleHtml = await GetStringAsync(client, lesson);
            foreach (var module in modules.Take(5))
                if (!home.Contains(module.Default.Title, StringComparison.Ordinal)) throw new InvalidOperationException($"My learning does not list {module.Id}:\n{home[..Math.Min(home.Length, 3000)]}");

            var loadBefore = PreviewRun.LoadAverage();
            var (homeTimes, moduleTimes) = (new List<double>(), new List<double>());
            for (var round = 0; round < options.PageWarmup + options.PageRounds; round++)
            {
                var homeMs = await TimeGetAsync(client, "/");
                var moduleMs = await TimeGetAsync(client, lesson);
                if (round < options.PageWarmup) continue;
                homeTimes.Add(homeMs);
                moduleTimes.Add(moduleMs);
            }
            return new PageResult(Median(homeTimes), Percentile(homeTimes, 0.99), Median(moduleTimes), Percentile(moduleTimes, 0.99),
                Encoding.UTF8.GetByteCount(home), Encoding.UTF8.GetByteCount(moduleHtml), assigned, loadBefore, PreviewRun.LoadAverage());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<double> TimeGetAsync(HttpClient client, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        return ms;
    }

    private static async Task<string> GetStringAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Token(string html, string page) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {page}.");

    /// <summary>The site as <see cref="PreviewRun"/> starts it, without a Hangfire server: the jobs run when called.</summary>
    private sealed class Site(string folder, bool seed) : WebApplicationFactory<ContentCatalog>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Academy", $"Data Source={Path.Combine(folder, "academy.db")}");
            builder.UseSetting("Academy:ContentPath", Path.Combine(folder, "content"));
            builder.UseSetting("Academy:Demo:Seed", seed ? "true" : "false");
            builder.UseSetting("Academy:Demo:Password", Password);
            builder.UseSetting("Academy:Jobs:Enabled", "false");
            builder.UseSetting("Academy:Mail:PickupPath", Path.Combine(folder, "mail"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureServices(services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys"))));
        }
    }

    private static IEnumerable<string> JobLines(IEnumerable<JobsResult> results)
    {
        foreach (var r in results)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {r.Employees:N0} | {r.Completions:N0} | assignment sync, re-run | **{r.SyncMedian:0} ms** | {r.SyncRawMedian:0} ms | **{r.SyncRawMedian / r.SyncMedian:0.00}** | {r.HeapBeforeMb:0} → {r.SyncPeakMb:0} MB |");
        foreach (var r in results)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {r.Employees:N0} | {r.Completions:N0} | refresher scan, re-run ({r.DueRows:N0} due rows) | **{r.ScanMedian:0} ms** | {r.ScanRawMedian:0} ms | **{r.ScanRawMedian / r.ScanMedian:0.00}** | {r.HeapBeforeMb:0} → {r.ScanPeakMb:0} MB |");
    }

    private static IEnumerable<string> Summary(IReadOnlyList<JobsResult> results, PageResult? page, Options options)
    {
        if (results.Count > 0)
        {
            yield return "| employees | completions | job | job, median | raw SQL of the same rows, median | ratio raw / job | managed heap before → peak during the job |";
            yield return "| ---: | ---: | --- | ---: | ---: | ---: | ---: |";
            foreach (var line in JobLines(results)) yield return line;
            yield return "";
            yield return "First runs (once each, writing everything; no raw counterpart):";
            yield return "";
            yield return "| employees | generate (raw inserts, one transaction) | first sync | heap before → peak, allocated | first refresher scan | heap before → peak, allocated | assignments, notifications after |";
            yield return "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
            foreach (var r in results)
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Employees:N0} | {r.GenerateS:0.0} s | {r.SyncFirst.Ms / 1000:0.0} s | {r.SyncFirst.HeapBeforeMb:0} → {r.SyncFirst.HeapPeakMb:0} MB, {r.SyncFirst.AllocatedMb:N0} MB | {r.ScanFirst.Ms / 1000:0.0} s | {r.ScanFirst.HeapBeforeMb:0} → {r.ScanFirst.HeapPeakMb:0} MB, {r.ScanFirst.AllocatedMb:N0} MB | {r.Assignments:N0}, {r.Notifications:N0} |");
            yield return "";
            yield return $"Load average before/after each size: {string.Join("; ", results.Select(r => $"{r.Employees}: {r.LoadBefore} / {r.LoadAfter}"))}.";
        }
        if (page is { } p)
        {
            yield return "";
            yield return $"| page ({options.PageRounds} rounds after {options.PageWarmup} warm-up, alternating) | median | p99 | bytes |";
            yield return "| --- | ---: | ---: | ---: |";
            yield return string.Create(CultureInfo.InvariantCulture, $"| My learning (`GET /`), {p.Assigned} assignments | **{p.HomeMedian:0.00} ms** | {p.HomeP99:0.00} ms | {p.HomeBytes:N0} |");
            yield return string.Create(CultureInfo.InvariantCulture, $"| lesson page (`GET /modules/…/2`) | **{p.ModuleMedian:0.00} ms** | {p.ModuleP99:0.00} ms | {p.ModuleBytes:N0} |");
            yield return string.Create(CultureInfo.InvariantCulture, $"| ratio lesson / My learning (throughput of My learning relative to the lesson page) | **{p.ModuleMedian / p.HomeMedian:0.00}** | | |");
            yield return "";
            yield return $"Load average before/after the page rounds: {p.LoadBefore} / {p.LoadAfter}.";
        }
    }

    private static void WriteResults(string path, Options options, IEnumerable<string> lines)
    {
        var text = new StringBuilder()
            .AppendLine("# Assignments benchmark: last results")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} on {Environment.ProcessorCount} cores, commit {PreviewRun.Commit()}, Release.")
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Academy.Bench -- assignments --sizes {string.Join(',', options.Sizes)} --rounds {options.Rounds} --page-warmup {options.PageWarmup} --page-rounds {options.PageRounds}`.")
            .AppendLine()
            .AppendLine("Jobs: each round runs the sync (re-run: everything already assigned), the raw read of what it reads, the refresher scan (re-run: every refresher already assigned) and the raw query of its due rows, on the same database; medians of the rounds. Peak = largest managed heap sampled every 2 ms during the job, after a full collection.")
            .AppendLine()
            .AppendJoin(Environment.NewLine, lines).AppendLine();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"Results written to {path}");
    }

    private static Options Parse(string[] args)
    {
        var sizes = new[] { 1000, 10000 };
        int rounds = 3, pageWarmup = 100, pageRounds = 300;
        var write = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--sizes": sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--page-warmup": pageWarmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--page-rounds": pageRounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--no-write": write = false; break;
                default: throw new ArgumentException($"unknown option {args[i]}.");
            }
        }
        if (sizes.Any(s => s < 20) || rounds < 1 || pageWarmup < 0 || pageRounds < 0) throw new ArgumentException("sizes of 20 employees or more, 1 round or more.");
        return new Options(sizes, rounds, pageWarmup, pageRounds, write);
    }

    private static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
