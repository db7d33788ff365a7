using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Academy.Bench;

/// <summary>The completion report's CSV and XLSX exports through the real page (HR's POST, on TestServer in this
/// process), against a raw <see cref="SqliteDataReader"/> scan of the same rows in the same rounds; then the report's
/// first screen against the module page, same client, same rounds.</summary>
/// <remarks>Data: N employees (one manager per 20), one assignment of each of M generated modules each (due dates
/// spread around today, a third completed), a completion for each completed one. Time to first byte is the time until the
/// client reads the first bytes of the body; peak memory is the largest managed heap seen by a 2 ms sampler during the
/// export, after a full collection before it.</remarks>
public static partial class ReportsRun
{
    private const string Password = "Academy-Bench-2026";
    private const string HrEmail = "bench-hr@academy.test";

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    /// <param name="LivePeakMb">The largest heap left after any collection during the export: what it holds alive, without
    /// the garbage that the sampled peak also counts (which grows with the collector's gen0 budget, not with the export).</param>
    /// <param name="FirstRowMs">CSV only: the time until the end of the first employee's line (the header leaves before
    /// any row is read, so the first byte alone says little).</param>
    private sealed record Export(double TotalMs, double FirstByteMs, double FirstRowMs, double HeapBeforeMb, double HeapPeakMb, double LivePeakMb, long Bytes,
        double HeapAfterMb, double WorkingSetBeforeMb, double WorkingSetPeakMb);

    private sealed record Result(string Database, int Employees, int Modules, double GenerateS, long Cells, Export? Csv, Export? Xlsx, double RawMs,
        double ScreenMedian, double ScreenP99, double ModuleMedian, double ModuleP99, double RollupsMedian, string LoadBefore, string LoadAfter,
        IReadOnlyList<Filtered> Filters);

    /// <summary>The rollups page with one filter on modules, and the module page timed after each of its requests.</summary>
    private sealed record Filtered(string Name, string Query, int Modules, double Median, double Max, double ModuleMedian, string Load);

    private static Export Print(string format, Export e)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {format}: {e.TotalMs / 1000:0.0} s, first byte {e.FirstByteMs:0} ms, first row {e.FirstRowMs:0} ms, {e.Bytes / 1048576.0:0.0} MB, heap {e.HeapBeforeMb:0} -> {e.HeapPeakMb:0} MB, after collections at most {e.LivePeakMb:0} MB, after the export {e.HeapAfterMb:0} MB, working set {e.WorkingSetBeforeMb:0} -> {e.WorkingSetPeakMb:0} MB"));
        return e;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (Value(args, "--sizes") ?? "1000x20,10000x60").Split(',')
            .Select(s => s.Split('x') is [var e, var m] ? (int.Parse(e, CultureInfo.InvariantCulture), int.Parse(m, CultureInfo.InvariantCulture)) : throw new ArgumentException(s)).ToList();
        var rounds = int.Parse(Value(args, "--rounds") ?? "2", CultureInfo.InvariantCulture);
        var screenRounds = int.Parse(Value(args, "--screen-rounds") ?? "30", CultureInfo.InvariantCulture);
        var keep = Value(args, "--keep");
        var formats = (Value(args, "--formats") ?? "csv,xlsx").Split(',');
        var rollupRounds = int.Parse(Value(args, "--rollup-rounds") ?? "2", CultureInfo.InvariantCulture);
        var filterRounds = int.Parse(Value(args, "--rollup-filters") ?? "0", CultureInfo.InvariantCulture);
        // The same sizes on PostgreSQL: each database is a copy of the SQLite one kept by an earlier run with --keep.
        var postgres = Value(args, "--postgres");
        if (postgres is not null && keep is null) throw new ArgumentException("--postgres copies the SQLite data kept with --keep: give the same --keep as the SQLite run.");
        var results = new List<Result>();
        foreach (var (employees, modules) in sizes)
        {
            Console.WriteLine($"{employees} employees × {modules} modules");
            results.Add(await RunSizeAsync(employees, modules, rounds, screenRounds, rollupRounds, filterRounds, formats, keep is null ? null : Path.Combine(keep, $"{employees}x{modules}"),
                postgres is null ? null : new NpgsqlConnectionStringBuilder(postgres) { Database = $"academy_bench_{employees}x{modules}" }.ConnectionString));
        }
        var lines = Summary(results, rounds, screenRounds).ToList();
        foreach (var line in lines) Console.WriteLine(line);
        if (!args.Contains("--no-write"))
        {
            var path = Path.Combine(FindBench(), "results", "reports.md");
            await File.WriteAllLinesAsync(path, [$"# Completion report exports ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)", "",
                "`dotnet run -c Release --project bench/Academy.Bench -- reports " + string.Join(' ', args) + "`", "", .. lines]);
            Console.WriteLine($"written to {path}");
        }
        return 0;
    }

    /// <param name="keep">A folder to keep the site's files in and to reuse them from on the next run (the data is
    /// generated only once), or null for a temporary folder deleted at the end.</param>
    /// <param name="postgres">A PostgreSQL database to run the site on instead, filled from the SQLite file in
    /// <paramref name="keep"/>.</param>
    private static async Task<Result> RunSizeAsync(int employees, int moduleCount, int rounds, int screenRounds, int rollupRounds, int filterRounds, string[] formats, string? keep,
        string? postgres)
    {
        var folder = keep ?? Directory.CreateTempSubdirectory("academy-report-bench-").FullName;
        var reuse = keep is not null && File.Exists(Path.Combine(keep, "academy.db"));
        if (postgres is not null && !reuse) throw new InvalidOperationException($"No SQLite data in {keep} to copy: run the same size on SQLite with --keep first.");
        try
        {
            var files = GeneratedContent.Create(moduleCount);
            // A program of six modules, as the real onboarding, for the rollups' program filter.
            var programModules = files.Select(f => f.Path.Split('/')).Where(p => p is ["modules", _, "module.md"]).Select(p => p[1]).Take(6).ToList();
            GeneratedContent.WriteTo(Path.Combine(folder, "content"), [.. files,
                new SourceFile($"programs/{BenchProgram}.md", "---\ntitle: Bench program\n---\nSix modules.\n\n" + string.Concat(programModules.Select((m, i) => $"{i + 1}. {m}\n")))]);
            await using var site = new Site(folder, postgres);
            var catalog = site.Services.GetRequiredService<ContentCatalog>();
            var modules = catalog.Current.Modules.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            if (modules.Count != moduleCount) throw new InvalidOperationException($"The site published {modules.Count} modules, not {moduleCount}.");
            var now = TimeProvider.System.GetUtcNow();
            var database = Path.Combine(folder, "academy.db");
            using (var scope = site.Services.CreateScope())
            {
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                if (!await roles.RoleExistsAsync(Roles.HR)) await roles.CreateAsync(new IdentityRole(Roles.HR));
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
                if (await users.FindByEmailAsync(HrEmail) is null)
                {
                    var hr = new Employee { UserName = HrEmail, Email = HrEmail, EmailConfirmed = true, FullName = "Bench HR" };
                    var created = await users.CreateAsync(hr, Password);
                    if (created.Succeeded) created = await users.AddToRoleAsync(hr, Roles.HR);
                    if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }
            var generate = Stopwatch.StartNew();
            var cells = postgres is not null ? await PostgresCopy.EnsureAsync(database, postgres)
                : reuse ? Count(database) : Generate(database, employees, modules.Select(m => (m.Id, m.Default.Refresher)).ToList(), now);
            generate.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated {employees} employees, {cells} assignments in {generate.Elapsed.TotalSeconds:0.0} s"));

            using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
            var token = Token(await GetStringAsync(client, "/account/login"));
            using (var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
                   { ["Input.Email"] = HrEmail, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token })))
                if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}.");
            var reportToken = Token(await GetStringAsync(client, "/reports"));

            using DbConnection connection = postgres is null ? new SqliteConnection($"Data Source={database};Mode=ReadOnly")
                : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { CommandTimeout = 0 }.ConnectionString);
            connection.Open();
            var loadBefore = PreviewRun.LoadAverage();
            // The first screen first: it is the figure the issue sets a goal for, and the cheapest to measure.
            Console.WriteLine("  first screen and module page");
            var lesson = $"/modules/{modules[0].Id}/1";
            var (screen, module) = (new List<double>(), new List<double>());
            for (var round = 0; round < 5 + screenRounds; round++)
            {
                var s = await TimeGetAsync(client, "/reports");
                var m = await TimeGetAsync(client, lesson);
                if (round < 5) continue;
                screen.Add(s);
                module.Add(m);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first screen median {Median(screen):0} ms, module page {Median(module):0} ms"));
            var rollups = new List<double>();
            if (rollupRounds > 0 || filterRounds > 0)
            {
                // The rollups sum the per-employee counts that the job keeps (the site here runs no jobs): count first.
                var counting = Stopwatch.StartNew();
                using (var scope = site.Services.CreateScope())
                    await scope.ServiceProvider.GetRequiredService<Academy.Web.Jobs.TrainingCountsJob>().RunAsync(CancellationToken.None);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  training counts job: {counting.Elapsed.TotalSeconds:0.0} s (load {PreviewRun.LoadAverage()})"));
            }
            var rollupModule = new List<double>();
            for (var round = 0; round < rollupRounds; round++)
            {
                // HttpClient gives up after 100 s: a rollup slower than that is recorded as its timeout, not a crash.
                try { rollups.Add(await TimeGetAsync(client, "/reports/rollups")); }
                catch (TaskCanceledException) { rollups.Add(client.Timeout.TotalMilliseconds); Console.WriteLine("  rollups page: no answer within the client's timeout"); }
                rollupModule.Add(await TimeGetAsync(client, lesson));
            }
            if (rollups.Count > 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  rollups page median {Median(rollups):0} ms, module page between them {Median(rollupModule):0} ms, ratio {Median(rollupModule) / Median(rollups):0.000} (load {PreviewRun.LoadAverage()})"));
            var filtered = await TimeFiltersAsync(client, catalog, lesson, filterRounds);
            var (csv, xlsx, raw) = (new List<Export>(), new List<Export>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                Console.WriteLine($"  round {round + 1}/{rounds}: {string.Join(", ", formats)}, raw scan");
                if (formats.Contains("csv")) csv.Add(Print("csv", await ExportAsync(client, reportToken, "csv")));
                if (formats.Contains("xlsx")) xlsx.Add(Print("xlsx", await ExportAsync(client, reportToken, "xlsx")));
                var start = Stopwatch.GetTimestamp();
                RawScan(connection);
                raw.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    raw scan {raw[^1] / 1000:0.0} s"));
            }
            Export? MedianOf(List<Export> runs) => runs.Count == 0 ? null
                : runs.OrderBy(r => r.TotalMs).ElementAt(runs.Count / 2) with { HeapPeakMb = runs.Max(r => r.HeapPeakMb), LivePeakMb = runs.Max(r => r.LivePeakMb), WorkingSetPeakMb = runs.Max(r => r.WorkingSetPeakMb) };
            return new Result(postgres is null ? "SQLite" : "PostgreSQL", employees, moduleCount, generate.Elapsed.TotalSeconds, cells, MedianOf(csv), MedianOf(xlsx), raw.Count == 0 ? double.NaN : Median(raw),
                Median(screen), Percentile(screen, 0.99), Median(module), Percentile(module, 0.99), rollups.Count == 0 ? double.NaN : Median(rollups), loadBefore, PreviewRun.LoadAverage(), filtered);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep is null)
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { }
        }
    }

    private const string BenchProgram = "bench-program";

    /// <summary>The rollups page filtered by one module, by the six modules of a program and by the standard that the most
    /// modules name (the largest share of the cells a filter on modules can select), each followed by the module page.</summary>
    private static async Task<List<Filtered>> TimeFiltersAsync(HttpClient client, ContentCatalog catalog, string lesson, int rounds)
    {
        if (rounds == 0) return [];
        var content = catalog.Current;
        var modules = content.Modules.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        var standard = modules.SelectMany(m => m.Default.Standards).GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var filters = new List<(string Name, string Query, int Modules)>
        {
            ("module", $"Module={modules[0].Id}", 1),
            ("program", $"Program={BenchProgram}", content.Programs.Single(p => p.Id == BenchProgram).ModuleIds.Count),
            ("standard", $"Standard={standard.Key}", standard.Count()),
        };
        var results = new List<Filtered>();
        foreach (var (name, query, count) in filters)
        {
            var (pages, between) = (new List<double>(), new List<double>());
            // One request of warm-up (the statement's plan, the pages' caches), not timed.
            await TimeGetAsync(client, $"/reports/rollups?{query}");
            for (var round = 0; round < rounds; round++)
            {
                try { pages.Add(await TimeGetAsync(client, $"/reports/rollups?{query}")); }
                catch (TaskCanceledException) { pages.Add(client.Timeout.TotalMilliseconds); Console.WriteLine($"  rollups by {name}: no answer within the client's timeout"); }
                between.Add(await TimeGetAsync(client, lesson));
            }
            results.Add(new Filtered(name, query, count, Median(pages), pages.Max(), Median(between), PreviewRun.LoadAverage()));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  rollups by {name} ({count} modules): median {Median(pages):0} ms, max {pages.Max():0} ms, module page between them {Median(between):0} ms (load {results[^1].Load})"));
        }
        return results;
    }

    private static async Task<Export> ExportAsync(HttpClient client, string token, string format)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        long live = 0;
        // The working set counts what the heap does not: SQLite's page cache, the GC's own reserve, native buffers.
        var workingSet = Environment.WorkingSet;
        var workingSetPeak = workingSet;
        var collections = GC.CollectionCount(0);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                workingSetPeak = Math.Max(workingSetPeak, Environment.WorkingSet);
                if (GC.CollectionCount(0) != collections) live = Math.Max(live, GC.GetGCMemoryInfo().HeapSizeBytes);
                try { await Task.Delay(2, stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reports?handler=Export")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["format"] = format, ["__RequestVerificationToken"] = token }),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Export {format} answered {(int)response.StatusCode}.");
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        double firstByte = 0, firstRow = double.NaN;
        var lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (bytes == 0) firstByte = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            bytes += read;
            if (format == "csv" && lines < 2 && (lines += buffer.AsSpan(0, read).Count((byte)'\n')) >= 2)
                firstRow = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await stop.CancelAsync();
        await sampler;
        // What the export left alive (caches it filled), after a full collection, against the same before it.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return new Export(total, firstByte, firstRow, before / 1048576.0, peak / 1048576.0, live / 1048576.0, bytes,
            after / 1048576.0, workingSet / 1048576.0, workingSetPeak / 1048576.0);
    }

    /// <summary>What the export reads, read with a bare data reader: every active employee in name order with their manager,
    /// their assignments, completions, lessons and attempts, every column touched once.</summary>
    /// <remarks>Quoted names and a bare boolean test, so that the same SQL runs on SQLite and PostgreSQL.</remarks>
    private static void RawScan(DbConnection connection)
    {
        string[] queries =
        [
            """SELECT u."Id", u."EmployeeNumber", u."FullName", u."Email", u."Department", u."Location", u."JobRole", m."FullName", u."HireDate" FROM "AspNetUsers" u LEFT JOIN "AspNetUsers" m ON m."Id" = u."ManagerId" WHERE u."IsActive" ORDER BY u."FullName", u."Id" """,
            """SELECT "EmployeeId", "ItemKind", "ItemId", "AssignedAt", "DueOn", "Cycle", "Source", "ExpiresAt", "CompletedAt" FROM "Assignments" WHERE "RemovedAt" IS NULL""",
            """SELECT "EmployeeId", "ModuleId", "Sequence", "CompletedAt", "ExpiresAt" FROM "ModuleCompletions" """,
            """SELECT "EmployeeId", "ModuleId", max("ReadAt") FROM "LessonViews" GROUP BY "EmployeeId", "ModuleId" """,
            """SELECT "EmployeeId", "ModuleId", max("StartedAt") FROM "QuizAttempts" GROUP BY "EmployeeId", "ModuleId" """,
        ];
        foreach (var sql in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++)
                    if (!reader.IsDBNull(i)) _ = reader.GetValue(i);
        }
    }

    private static long Count(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Assignments";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Employees, and an assignment of every module each: due dates from 60 days ago to 60 days ahead, one in
    /// three completed (with its completion row), so that the report shows every status.</summary>
    private static long Generate(string database, int employees, List<(string Id, Validity? Refresher)> modules, DateTimeOffset now)
    {
        var toLong = new DateTimeOffsetToBinaryConverter();
        long Binary(DateTimeOffset value) => (long)toLong.ConvertToProvider(value)!;
        string[] departments = ["Front Desk", "Billing", "Logistics", "Housekeeping", "Kitchen", "Sales", "IT", "Human Resources"];
        string[] roles = ["Receptionist", "Night auditor", "Billing specialist", "Dispatcher", "Cook", "Account manager"];
        var random = new Random(2026);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The site's idle pooled connections would keep the file in WAL mode: journal_mode=OFF needs the file to itself.
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database};Foreign Keys=False");
        connection.Open();
        void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        // Generation only: no journal, no fsync, a large page cache; the secondary indexes of the two big tables are
        // dropped and built again after the inserts (one sort each instead of 5 million random inserts into a B-tree).
        Execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY;");
        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Assignments', 'ModuleCompletions')";
            using var reader = list.ExecuteReader();
            while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) Execute($"DROP INDEX \"{name}\"");
        var transaction = connection.BeginTransaction();
        SqliteCommand Command(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            command.Prepare();
            return command;
        }
        using var user = Command("""
            INSERT INTO AspNetUsers (Id, FullName, EmployeeNumber, Department, JobRole, ManagerId, HireDate, PreferredLanguage, IsActive,
                UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp,
                PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DigestOptOut, Location)
            VALUES ($id, $name, $number, $department, $role, $manager, $hire, 'en', 1, $email, $upper, $email, $upper, 1, 's', 's', 0, 0, 1, 0, 0, $location)
            """, "$id", "$name", "$number", "$department", "$role", "$manager", "$hire", "$email", "$upper", "$location");
        using var assignment = Command("""
            INSERT INTO Assignments (EmployeeId, ItemKind, ItemId, Cycle, Source, Reason, AssignedAt, DueOn, DueFromAssignmentDate, CompletedAt)
            VALUES ($employee, 'Module', $module, 0, 'Rule', 'Benchmark', $assigned, $due, 0, $completed)
            """, "$employee", "$module", "$assigned", "$due", "$completed");
        using var completion = Command("""
            INSERT INTO ModuleCompletions (EmployeeId, ModuleId, Sequence, ModuleVersion, Score, CompletedAt, ExpiresAt)
            VALUES ($employee, $module, 1, 1, NULL, $completed, $expires)
            """, "$employee", "$module", "$completed", "$expires");
        long count = 0;
        for (var i = 0; i < employees; i++)
        {
            var id = $"bench-{i:D6}";
            var email = $"{id}@academy.test";
            var values = new object[] { id, $"Employee {i:D6}", $"E{i:D6}", departments[random.Next(departments.Length)], roles[random.Next(roles.Length)],
                i % 20 == 0 ? DBNull.Value : $"bench-{i / 20 * 20:D6}", today.AddDays(-random.Next(30, 3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                email, email.ToUpperInvariant(), random.Next(2) == 0 ? "Lyon" : "Paris" };
            for (var p = 0; p < values.Length; p++) user.Parameters[p].Value = values[p];
            user.ExecuteNonQuery();
            foreach (var (moduleId, refresher) in modules)
            {
                var assigned = now.AddDays(-random.Next(61, 120));
                var done = random.Next(3) == 0 ? assigned.AddDays(random.Next(1, 60)) : (DateTimeOffset?)null;
                assignment.Parameters[0].Value = id;
                assignment.Parameters[1].Value = moduleId;
                assignment.Parameters[2].Value = Binary(assigned);
                assignment.Parameters[3].Value = today.AddDays(random.Next(-60, 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                assignment.Parameters[4].Value = done is { } d ? Binary(d) : DBNull.Value;
                assignment.ExecuteNonQuery();
                if (done is { } at)
                {
                    completion.Parameters[0].Value = id;
                    completion.Parameters[1].Value = moduleId;
                    completion.Parameters[2].Value = Binary(at);
                    completion.Parameters[3].Value = refresher is { } r ? Binary(r.AddTo(at)) : DBNull.Value;
                    completion.ExecuteNonQuery();
                }
                count++;
            }
        }
        transaction.Commit();
        transaction.Dispose();
        foreach (var (_, sql) in indexes) Execute(sql);
        Execute("ANALYZE; PRAGMA synchronous=NORMAL; PRAGMA journal_mode=WAL;");
        return count;
    }

    private static IEnumerable<string> Summary(List<Result> results, int rounds, int screenRounds)
    {
        yield return $"Medians of {rounds} rounds (each round: CSV, XLSX, raw scan, one after the other). Ratio = raw scan time / export time.";
        yield return "";
        yield return "| database | employees × modules | assignments | format | total | time to first byte | first row (CSV) | size | managed heap before → peak | heap after collections, largest | heap after the export | working set before → peak | raw data reader scan | ratio |";
        yield return "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
        foreach (var r in results)
            foreach (var (name, e) in new[] { ("CSV", r.Csv), ("XLSX", r.Xlsx) }.Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!)))
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Database} | {r.Employees:N0} × {r.Modules} | {r.Cells:N0} | {name} | {e.TotalMs / 1000:0.00} s | {e.FirstByteMs:0} ms | {e.FirstRowMs:0} ms | {e.Bytes / 1048576.0:0.0} MB | {e.HeapBeforeMb:0} → {e.HeapPeakMb:0} MB | {e.LivePeakMb:0} MB | {e.HeapAfterMb:0} MB | {e.WorkingSetBeforeMb:0} → {e.WorkingSetPeakMb:0} MB | {r.RawMs / 1000:0.00} s | **{r.RawMs / e.TotalMs:0.00}** |");
        yield return "";
        yield return $"First screen of `/reports` (50 employees × every module) against the module page (`/modules/<first>/1`), same client, alternating, {screenRounds} rounds after 5 of warm-up:";
        yield return "";
        yield return "| employees × modules | report median | report p99 | module page median | module page p99 | ratio of medians | rollups page median | load average before, after |";
        yield return "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |";
        foreach (var r in results)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {r.Employees:N0} × {r.Modules} | {r.ScreenMedian:0} ms | {r.ScreenP99:0} ms | {r.ModuleMedian:0} ms | {r.ModuleP99:0} ms | {r.ModuleMedian / r.ScreenMedian:0.00} | {r.RollupsMedian:0} ms | {r.LoadBefore}; {r.LoadAfter} |");
        yield return "";
        if (results.Any(r => r.Filters.Count > 0))
        {
            yield return "";
            yield return "Rollups page (`/reports/rollups`, as HR, every employee) filtered on modules (one module counted live, a program's or a standard's summed from the kept counts), each request followed by the module page; after one request of warm-up:";
            yield return "";
            yield return "| database | employees × modules | filter | modules selected | rollups median | rollups max | module page median | ratio of medians | load average after |";
            yield return "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |";
            foreach (var r in results)
                foreach (var f in r.Filters)
                    yield return string.Create(CultureInfo.InvariantCulture,
                        $"| {r.Database} | {r.Employees:N0} × {r.Modules} | `{f.Query}` | {f.Modules} | {f.Median:0} ms | {f.Max:0} ms | {f.ModuleMedian:0} ms | {f.ModuleMedian / f.Median:0.000} | {f.Load} |");
        }
        yield return "";
        yield return "Data generation (raw inserts, one transaction): " + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Employees:N0} × {r.Modules}: {r.GenerateS:0.0} s")));
    }

    private static async Task<double> TimeGetAsync(HttpClient client, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<string> GetStringAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token.");

    private static string? Value(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }

    private static string FindBench()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Academy.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Academy.sln not found."), "bench");
    }

    private sealed class Site(string folder, string? postgres) : WebApplicationFactory<ContentCatalog>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            if (postgres is not null) builder.UseSetting(AcademyDatabase.ProviderKey, "Postgres");
            builder.UseSetting("ConnectionStrings:Academy", postgres ?? $"Data Source={Path.Combine(folder, "academy.db")}");
            builder.UseSetting("Academy:ContentPath", Path.Combine(folder, "content"));
            builder.UseSetting("Academy:Demo:Seed", "false");
            builder.UseSetting("Academy:Jobs:Enabled", "false");
            builder.UseSetting("Academy:Mail:PickupPath", Path.Combine(folder, "mail"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureServices(services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys"))));
        }
    }
}
