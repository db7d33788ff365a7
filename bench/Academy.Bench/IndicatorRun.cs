using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Bench;

/// <summary>The leading indicator page (<c>/indicator</c>) over N ideas and M employees, for HR (everyone) and for a
/// manager of 19 people, against the module page, same client, alternating, in the same rounds (TestServer in this
/// process). Time to first byte is the time until the client reads the first bytes of the body. <c>--keep</c> leaves the
/// database behind, to profile its statements with sqlite3.</summary>
/// <remarks>Data (fixed seed): M employees in 8 departments, one manager per 20; each completed 0 to 6 of the site's
/// modules, a tenth of them expired; N ideas posted over the last two years by random employees, each with one of
/// the standards (or none, one in ten): 40 % in practice (its day after its posting), 20 % trying, 10 % not now, the
/// rest proposed; then the monthly counts of the ideas in practice, as the site keeps them.</remarks>
public static partial class IndicatorRun
{
    private const string Password = "Academy-Bench-2026";
    private const string HrEmail = "bench-hr@academy.test";
    private const string ManagerEmail = "bench-000000@academy.test";

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    public static async Task<int> RunAsync(string[] args)
    {
        var ideas = int.Parse(Value(args, "--ideas") ?? "100000", CultureInfo.InvariantCulture);
        var employees = int.Parse(Value(args, "--employees") ?? "10000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Value(args, "--rounds") ?? "30", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Value(args, "--warmup") ?? "5", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("academy-indicator-bench-").FullName;
        try
        {
            await using var site = new Site(folder);
            var content = site.Services.GetRequiredService<ContentCatalog>().Current;
            using (var scope = site.Services.CreateScope())
            {
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                if (!await roles.RoleExistsAsync(Roles.HR)) await roles.CreateAsync(new IdentityRole(Roles.HR));
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
                var hr = new Employee { UserName = HrEmail, Email = HrEmail, EmailConfirmed = true, FullName = "Bench HR" };
                var created = await users.CreateAsync(hr, Password);
                if (created.Succeeded) created = await users.AddToRoleAsync(hr, Roles.HR);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            var generate = Stopwatch.StartNew();
            Generate(Path.Combine(folder, "academy.db"), employees, ideas, [.. content.Modules.Keys], [.. content.Standards.Select(s => s.Id)], TimeProvider.System.GetUtcNow());
            generate.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {employees:N0} employees and {ideas:N0} ideas in {generate.Elapsed.TotalSeconds:0.0} s"));
            // The manager signs in with the same password: their hash is set through Identity after the raw inserts.
            using (var scope = site.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
                var manager = await users.FindByEmailAsync(ManagerEmail) ?? throw new InvalidOperationException("No bench manager.");
                var set = await users.AddPasswordAsync(manager, Password);
                if (!set.Succeeded) throw new InvalidOperationException(string.Join("; ", set.Errors.Select(e => e.Description)));
            }

            using var hrClient = await SignInAsync(site, HrEmail);
            using var managerClient = await SignInAsync(site, ManagerEmail);
            const string module = "/modules/warm-welcome/1";
            var loadBefore = PreviewRun.LoadAverage();
            var (hrTimes, managerTimes, moduleTimes) = (new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < warmup + rounds; round++)
            {
                var h = await FirstByteAsync(hrClient, "/indicator");
                var m = await FirstByteAsync(managerClient, "/indicator");
                var p = await FirstByteAsync(hrClient, module);
                if (round < warmup) continue;
                hrTimes.Add(h);
                managerTimes.Add(m);
                moduleTimes.Add(p);
            }
            var loadAfter = PreviewRun.LoadAverage();
            string Row(string what, List<double> times) => string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {Median(times):0.0} ms | {Percentile(times, 0.99):0.0} ms | {Median(times) / Median(moduleTimes):0.0} |");
            string[] lines =
            [
                string.Create(CultureInfo.InvariantCulture, $"{ideas:N0} ideas, {employees:N0} employees; {rounds} rounds after {warmup} of warm-up, the three requests alternating in each round; time to first byte in process (TestServer), Release."),
                "",
                "| page | median | p99 | median ÷ module page's |",
                "| --- | ---: | ---: | ---: |",
                Row("`/indicator` as HR (everyone)", hrTimes),
                Row("`/indicator` as a manager of 19", managerTimes),
                Row($"`{module}` (baseline)", moduleTimes),
                "",
                string.Create(CultureInfo.InvariantCulture, $"Data generation (raw inserts, one transaction): {generate.Elapsed.TotalSeconds:0.0} s. Load average before: {loadBefore}; after: {loadAfter}."),
            ];
            foreach (var line in lines) Console.WriteLine(line);
            if (!args.Contains("--no-write"))
            {
                var path = Path.Combine(FindBench(), "results", "indicator.md");
                await File.WriteAllLinesAsync(path, [$"# Leading indicator page ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)", "",
                    "`dotnet run -c Release --project bench/Academy.Bench -- indicator " + string.Join(' ', args) + "`", "", .. lines]);
                Console.WriteLine($"written to {path}");
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (args.Contains("--keep")) Console.WriteLine($"kept {Path.Combine(folder, "academy.db")} for sqlite3 (delete it when done)");
            else
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    private static async Task<HttpClient> SignInAsync(Site site, string email)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        using var page = await client.GetAsync("/account/login");
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token.");
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in {email} answered {(int)signIn.StatusCode}.");
        return client;
    }

    private static async Task<double> FirstByteAsync(HttpClient client, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        var first = await body.ReadAsync(buffer);
        var firstByte = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (first == 0) throw new InvalidOperationException($"GET {url} answered an empty body.");
        while (await body.ReadAsync(buffer) > 0) { }
        return firstByte;
    }

    private static void Generate(string database, int employees, int ideas, List<string> modules, List<string> standards, DateTimeOffset now)
    {
        var toLong = new DateTimeOffsetToBinaryConverter();
        long Binary(DateTimeOffset value) => (long)toLong.ConvertToProvider(value)!;
        string[] departments = ["Front Desk", "Billing", "Logistics", "Housekeeping", "Kitchen", "Sales", "IT", "Human Resources"];
        var random = new Random(2026);
        using var connection = new SqliteConnection($"Data Source={database};Foreign Keys=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        SqliteCommand Command(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }
        using var user = Command("""
            INSERT INTO AspNetUsers (Id, FullName, Department, ManagerId, PreferredLanguage, IsActive,
                UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp,
                PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DigestOptOut)
            VALUES ($id, $name, $department, $manager, 'en', 1, $email, $upper, $email, $upper, 1, 's', 's', 0, 0, 1, 0, 0)
            """, "$id", "$name", "$department", "$manager", "$email", "$upper");
        using var completion = Command("""
            INSERT INTO ModuleCompletions (EmployeeId, ModuleId, Sequence, ModuleVersion, Score, CompletedAt, ExpiresAt)
            VALUES ($employee, $module, 1, 1, NULL, $completed, $expires)
            """, "$employee", "$module", "$completed", "$expires");
        using var idea = Command("""
            INSERT INTO ServiceIdeas (AuthorId, Kind, StandardId, Department, Text, PostedAt, Status, InPracticeOn)
            VALUES ($author, $kind, $standard, $department, $text, $posted, $status, $on)
            """, "$author", "$kind", "$standard", "$department", "$text", "$posted", "$status", "$on");
        var departmentOf = new string[employees];
        for (var i = 0; i < employees; i++)
        {
            var id = $"bench-{i:D6}";
            var email = $"{id}@academy.test";
            departmentOf[i] = departments[random.Next(departments.Length)];
            object[] values = [id, $"Employee {i:D6}", departmentOf[i], i % 20 == 0 ? DBNull.Value : $"bench-{i / 20 * 20:D6}", email, email.ToUpperInvariant()];
            for (var p = 0; p < values.Length; p++) user.Parameters[p].Value = values[p];
            user.ExecuteNonQuery();
            foreach (var moduleId in modules.OrderBy(_ => random.Next()).Take(random.Next(modules.Count + 1)))
            {
                var done = now.AddDays(-random.Next(1, 400));
                completion.Parameters[0].Value = id;
                completion.Parameters[1].Value = moduleId;
                completion.Parameters[2].Value = Binary(done);
                completion.Parameters[3].Value = Binary(random.Next(10) == 0 ? now.AddDays(-1) : done.AddYears(1).AddDays(30));
                completion.ExecuteNonQuery();
            }
        }
        for (var n = 0; n < ideas; n++)
        {
            var author = random.Next(employees);
            var posted = now.AddMinutes(-random.Next(1, 2 * 365 * 24 * 60));
            var roll = random.Next(10);
            var status = roll < 4 ? 2 : roll < 6 ? 1 : roll < 7 ? 3 : 0;
            var on = status == 2 ? DateOnly.FromDateTime(posted.UtcDateTime).AddDays(random.Next(0, 30)) : (DateOnly?)null;
            if (on > DateOnly.FromDateTime(now.UtcDateTime)) on = DateOnly.FromDateTime(now.UtcDateTime);
            object[] values = [$"bench-{author:D6}", random.Next(2), random.Next(10) == 0 ? DBNull.Value : standards[random.Next(standards.Count)], departmentOf[author],
                $"Idea {n}: offer something small and thoughtful at the right moment", Binary(posted), status,
                on is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value];
            for (var p = 0; p < values.Length; p++) idea.Parameters[p].Value = values[p];
            idea.ExecuteNonQuery();
        }
        // The monthly counts the site keeps as ideas move (IdeaMonthCountsInterceptor), made as migration IdeaMonthCounts makes them.
        using var counts = Command("""
            INSERT INTO IdeaMonthCounts (Month, Department, StandardId, Ideas)
            SELECT date(InPracticeOn, 'start of month'), COALESCE(Department, ''), COALESCE(StandardId, ''), COUNT(*)
            FROM ServiceIdeas WHERE Status = 2 AND InPracticeOn IS NOT NULL GROUP BY 1, 2, 3
            """);
        counts.ExecuteNonQuery();
        transaction.Commit();
    }

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

    private sealed class Site(string folder) : WebApplicationFactory<ContentCatalog>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Academy", $"Data Source={Path.Combine(folder, "academy.db")}");
            builder.UseSetting("Academy:ContentPath", Path.Combine(Path.GetDirectoryName(FindBench())!, "content"));
            builder.UseSetting("Academy:Demo:Seed", "false");
            builder.UseSetting("Academy:Jobs:Enabled", "false");
            builder.UseSetting("Academy:Mail:PickupPath", Path.Combine(folder, "mail"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureServices(services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys"))));
        }
    }
}
