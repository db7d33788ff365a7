using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Domain.Content;
using Academy.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Bench;

/// <summary>The editor's live preview (<c>POST /workspace/edit?path=…&amp;handler=Preview</c>, what the browser sends as
/// a trainer types) with catalogues of 20, 200 and 2,000 generated modules: median and p99 of the whole request, and in
/// the same rounds the parse of the one file alone with no cross-file check, the floor a preview cannot go under.</summary>
/// <remarks>
/// <para>The real site runs in this process on ASP.NET Core's TestServer (no sockets; the request goes through the
/// whole pipeline: cookie authentication, antiforgery, localization, the page handler, the Razor partial), as
/// production runs it (Production, warning-level logs, demo accounts seeded, a fresh SQLite file), on a content folder
/// of <see cref="GeneratedContent"/> modules written to a temp folder and imported at start. One site at a time: the
/// site sets process-wide state that two hosts would share.</para>
/// <para>Each measured round times one preview request, one <see cref="ContentParser.Parse(SourceFile)"/> of the same
/// text (the baseline), one <see cref="ContentParser.Parse(SourceFile, KnownContent)"/> (the check the preview makes)
/// and, for scale, one <c>GET /healthz</c> (the site's lightest request through the same pipeline), one after the other, so that a burst of load from elsewhere lands on all three. The ratio is request over
/// baseline, from the medians. For reference it also times, a few times, what the preview did before: parsing every
/// published file again with the edited one (<see cref="ContentParser.ParseAll"/>; the old code also read them all from
/// SQLite first, not counted here).</para>
/// </remarks>
public static partial class PreviewRun
{
    private const string Email = "trainer@academy.test";
    private const string Password = "Academy-Bench-2026";

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    private sealed record Options(int[] Sizes, int Warmup, int Rounds, int OldRounds, bool Write);

    private sealed record SizeResult(int Modules, int Files, double RequestMedian, double RequestP99, double ParseMedian, double ParseP99,
        double CheckMedian, double HealthMedian, double OldMedian, string LoadBefore, string LoadAfter)
    {
        public double Ratio => RequestMedian / ParseMedian;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"preview: {e.Message}");
            Console.Error.WriteLine("usage: Academy.Bench preview [--sizes 20,200,2000] [--warmup 200] [--rounds 400] [--old-rounds 5] [--no-write]");
            return 2;
        }

        // The first site of the process runs the code at its first JIT tier for longer than any warm-up of a few hundred
        // rounds (seen: 35 ms at 20 modules, then 11 ms at 200): one discarded pass first, so that every size is measured warm.
        Console.WriteLine($"Warming up the process: {options.Sizes.Min()} modules, {options.Warmup + options.Rounds} rounds, discarded...");
        await MeasureAsync(options.Sizes.Min(), options with { OldRounds = 0 });

        var results = new List<SizeResult>();
        foreach (var size in options.Sizes)
        {
            Console.WriteLine($"{size} modules: generating, starting the site, importing...");
            var result = await MeasureAsync(size, options);
            Console.WriteLine(Line(result));
            results.Add(result);
        }

        var lines = Summary(results.OrderBy(r => r.Modules).ToList(), options).ToList();
        Console.WriteLine();
        foreach (var line in lines) Console.WriteLine(line);
        if (options.Write) WriteResults(Path.Combine(RepositoryRoot(), "bench", "results", "preview.md"), options, lines);
        return 0;
    }

    private static async Task<SizeResult> MeasureAsync(int size, Options options)
    {
        var folder = Directory.CreateTempSubdirectory("academy-preview-bench-").FullName;
        try
        {
            var files = GeneratedContent.Create(size);
            GeneratedContent.WriteTo(Path.Combine(folder, "content"), files);
            var edited = files[1 + size / 2];
            var text = edited.Text + "\nOne more sentence, as the trainer types it.\n";
            var source = new SourceFile(edited.Path, text);

            await using var site = new Site(folder);
            using var client = site.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
            });
            await SignInAsync(client);
            var editor = $"/workspace/edit?path={Uri.EscapeDataString(edited.Path)}";
            var token = Token(await GetStringAsync(client, editor), editor);
            var form = new Dictionary<string, string> { ["Path"] = edited.Path, ["Markdown"] = text, ["__RequestVerificationToken"] = token };
            var known = site.Services.GetRequiredService<ContentCatalog>().Current.Known;
            if (site.Services.GetRequiredService<ContentCatalog>().Current.Modules.Count != size)
                throw new InvalidOperationException($"The site published {site.Services.GetRequiredService<ContentCatalog>().Current.Modules.Count} modules, not {size}.");

            // Fails rather than measure the wrong thing: the preview must show the text with no problem.
            var first = await PreviewAsync(client, editor, form);
            if (!first.Contains("class=\"notice ok\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"The preview of {edited.Path} does not say 'no problem':\n{first[..Math.Min(first.Length, 2000)]}");

            var loadBefore = LoadAverage();
            var request = new List<double>(options.Rounds);
            var parse = new List<double>(options.Rounds);
            var check = new List<double>(options.Rounds);
            var health = new List<double>(options.Rounds);
            for (var round = 0; round < options.Warmup + options.Rounds; round++)
            {
                var start = Stopwatch.GetTimestamp();
                await PreviewAsync(client, editor, form);
                var requestMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

                start = Stopwatch.GetTimestamp();
                var alone = ContentParser.Parse(source);
                var parseMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

                start = Stopwatch.GetTimestamp();
                var checkedFile = ContentParser.Parse(source, known);
                var checkMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

                start = Stopwatch.GetTimestamp();
                using (var ready = await client.GetAsync("/healthz"))
                {
                    await ready.Content.ReadAsStringAsync();
                    if (ready.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/healthz answered {(int)ready.StatusCode}.");
                }
                var healthMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

                if (!alone.Ok || !checkedFile.Ok) throw new InvalidOperationException($"{edited.Path} does not parse: {string.Join("; ", alone.Errors.Concat(checkedFile.Errors))}");
                if (round < options.Warmup) continue;
                request.Add(requestMs);
                parse.Add(parseMs);
                check.Add(checkMs);
                health.Add(healthMs);
            }

            // Before: every published file parsed again with the edited one.
            var published = files.Where(f => f.Path != edited.Path).Append(source).ToList();
            var old = new List<double>();
            for (var round = 0; round < options.OldRounds; round++)
            {
                var start = Stopwatch.GetTimestamp();
                _ = ContentParser.ParseAll(published);
                old.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return new SizeResult(size, files.Count, Median(request), Percentile(request, 0.99), Median(parse), Percentile(parse, 0.99),
                Median(check), Median(health), old.Count > 0 ? Median(old) : double.NaN, loadBefore, LoadAverage());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<string> PreviewAsync(HttpClient client, string editor, Dictionary<string, string> form)
    {
        using var response = await client.PostAsync($"{editor}&handler=Preview", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The preview answered {(int)response.StatusCode}.");
        return body;
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var token = Token(await GetStringAsync(client, "/account/login"), "/account/login");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in as {Email} answered {(int)response.StatusCode}.");
    }

    private static async Task<string> GetStringAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Token(string html, string page) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {page}.");

    /// <summary>The site as <c>bench/site.sh</c> starts it, in this process: Production, warning-level logs, demo
    /// accounts, a fresh SQLite file and the data-protection keys in the temp folder.</summary>
    private sealed class Site(string folder) : WebApplicationFactory<ContentCatalog> // any type of Academy.Web: this program has its own Program
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Academy", $"Data Source={Path.Combine(folder, "academy.db")}");
            builder.UseSetting("Academy:ContentPath", Path.Combine(folder, "content"));
            builder.UseSetting("Academy:Demo:Seed", "true");
            builder.UseSetting("Academy:Demo:Password", Password);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Keys in a throwaway folder, unencrypted: say so once in this comment rather than at every start.
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureServices(services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys"))));
        }
    }

    private static IEnumerable<string> Summary(IReadOnlyList<SizeResult> results, Options options)
    {
        yield return "| modules | files | preview request, median | p99 | parse of the one file alone, median | p99 | ratio request / parse alone | one-file check (parse + cross-file), median | GET /healthz, median | before: ParseAll of every file, median |";
        yield return "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
        foreach (var r in results)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {r.Modules} | {r.Files} | **{r.RequestMedian:0.00} ms** | {r.RequestP99:0.00} ms | {r.ParseMedian:0.00} ms | {r.ParseP99:0.00} ms | {r.Ratio:0.00} | {r.CheckMedian:0.00} ms | {r.HealthMedian:0.00} ms | {r.OldMedian:0.0} ms |");
        if (results.Count > 1)
        {
            var (small, large) = (results[0], results[^1]);
            yield return "";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Flatness, {large.Modules} modules against {small.Modules}: preview median x{large.RequestMedian / small.RequestMedian:0.00}, ratio to the parse alone x{large.Ratio / small.Ratio:0.00}; before, ParseAll x{large.OldMedian / small.OldMedian:0.0}.");
        }
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Load average before/after each size (in the order run: {string.Join(", ", options.Sizes)}): {string.Join("; ", results.Select(r => $"{r.Modules}: {r.LoadBefore} / {r.LoadAfter}"))}.");
    }

    private static string Line(SizeResult r) => string.Create(CultureInfo.InvariantCulture,
        $"  preview median {r.RequestMedian:0.00} ms, p99 {r.RequestP99:0.00} ms; parse alone {r.ParseMedian:0.00} ms; ratio {r.Ratio:0.00}; check {r.CheckMedian:0.00} ms; /healthz {r.HealthMedian:0.00} ms; before {r.OldMedian:0.0} ms");

    private static void WriteResults(string path, Options options, IEnumerable<string> lines)
    {
        var text = new StringBuilder()
            .AppendLine("# Preview benchmark: last results")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} on {Environment.ProcessorCount} cores, commit {Commit()}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Academy.Bench -- preview --sizes {string.Join(',', options.Sizes)} --warmup {options.Warmup} --rounds {options.Rounds} --old-rounds {options.OldRounds}`.")
            .AppendLine()
            .AppendLine("Each round: one preview request (TestServer, signed in as the trainer), then the parse of the same text alone, then the one-file check, then GET /healthz (the site's lightest request: one database ping), for scale.")
            .AppendLine("A discarded pass at the smallest size warms the process up first.")
            .AppendLine()
            .AppendJoin(Environment.NewLine, lines).AppendLine();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"Results written to {path}");
    }

    private static Options Parse(string[] args)
    {
        var sizes = new[] { 20, 200, 2000 };
        int warmup = 200, rounds = 400, oldRounds = 5;
        var write = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--sizes": sizes = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--warmup": warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--old-rounds": oldRounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--no-write": write = false; break;
                default: throw new ArgumentException($"unknown option {args[i]}.");
            }
        }
        if (sizes.Length == 0 || sizes.Any(s => s < 2) || rounds < 1 || warmup < 0 || oldRounds < 0) throw new ArgumentException("sizes of 2 modules or more, and rounds of 1 or more.");
        return new Options(sizes, warmup, rounds, oldRounds, write);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest rank: the smallest value with at least <paramref name="share"/> of the values at or below it.</summary>
    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, WorkingDirectory = RepositoryRoot() })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain") { RedirectStandardOutput = true, WorkingDirectory = RepositoryRoot() })!;
            var dirty = status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status.WaitForExit();
            return dirty ? commit + " (with uncommitted changes)" : commit;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Academy.sln"))) return folder.FullName;
        throw new InvalidOperationException("Academy.sln not found above the working directory: run from the repository.");
    }
}
