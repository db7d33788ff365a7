using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Domain.Certificates;
using Academy.Web.Certificates;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Academy.Bench;

/// <summary>Certificates: (1) 1,000 PDFs drawn by <see cref="CertificatePdf"/>, time and size per file, against SkiaSharp
/// drawing a one-line A4 page in the same font in the same rounds; (2) HR's zip download of 1,000 certificates through the
/// real page (<c>GET /certificates/manage?handler=Zip</c>): time to first byte, total time, and peak memory.</summary>
/// <remarks>
/// <para>Part 1 runs in this process with no site: each round draws one certificate, then the one-line page (the
/// baseline), so that a burst of load from elsewhere lands on both. Ratio = baseline median / certificate median, as a
/// throughput ratio (1 would mean a certificate costs no more than a page with one line of text).</para>
/// <para>Part 2 runs first (one discarded download of a third of them to warm up), on a fresh process heap: the real site on TestServer (as <see cref="PreviewRun"/> starts it),
/// 1,000 certificates inserted directly into its SQLite file, signed in as HR. A sampler reads the managed heap
/// (<see cref="GC.GetTotalMemory"/>) and the process working set every 5 ms during the download. The zip is written to
/// a temp file and opened afterwards to check it holds every certificate as a PDF.</para>
/// </remarks>
public static partial class CertificateRun
{
    private const string Password = "Academy-Bench-2026";

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    private sealed record Options(int Count, int Warmup, int ZipRuns, bool Write);

    private sealed record ZipResult(double FirstByteMs, double TotalMs, long Bytes, int Entries, long HeapBefore, long HeapPeak,
        long WorkingSetBefore, long WorkingSetPeak);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"certificates: {e.Message}");
            Console.Error.WriteLine("usage: Academy.Bench certificates [--count 1000] [--warmup 50] [--zip-runs 2] [--no-write]");
            return 2;
        }

        var loadBefore = LoadAverage();
        var certificates = Generate(options.Count);

        Console.WriteLine($"Zip of {options.Count} certificates through the real page, {options.ZipRuns} runs...");
        var zips = await MeasureZipAsync(certificates, options);
        foreach (var z in zips.Skip(1)) Console.WriteLine(ZipLine(z));

        Console.WriteLine($"Rendering {options.Count} certificates and as many one-line pages, interleaved...");
        var render = MeasureRender(certificates, options);

        var lines = Summary(render, zips, options, loadBefore, LoadAverage()).ToList();
        Console.WriteLine();
        foreach (var line in lines) Console.WriteLine(line);
        if (options.Write) WriteResults(Path.Combine(RepositoryRoot(), "bench", "results", "certificates.md"), options, lines);
        return 0;
    }

    // ---- Part 1: rendering ----

    private sealed record RenderResult(List<double> Certificate, List<double> Baseline, List<long> Sizes, long BaselineSize, int NonLatin);

    private static RenderResult MeasureRender(IReadOnlyList<Certificate> certificates, Options options)
    {
        using var pdf = new CertificatePdf(Microsoft.Extensions.Options.Options.Create(SiteOptions()));
        using var typeface = SKTypeface.FromFile(Path.Combine(AppContext.BaseDirectory, "Fonts", "CertificateSans-Regular.ttf"))
            ?? throw new FileNotFoundException("CertificateSans-Regular.ttf is missing from the bench's output.");
        var issued = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

        for (var i = 0; i < options.Warmup; i++)
        {
            _ = pdf.Render(certificates[i % certificates.Count]);
            _ = OneLine(typeface, issued);
        }

        var certificate = new List<double>(certificates.Count);
        var baseline = new List<double>(certificates.Count);
        var sizes = new List<long>(certificates.Count);
        long baselineSize = 0;
        foreach (var c in certificates)
        {
            var start = Stopwatch.GetTimestamp();
            var bytes = pdf.Render(c);
            certificate.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            sizes.Add(bytes.Length);
            if (bytes.Length < 1000 || bytes[0] != '%' || bytes[1] != 'P') throw new InvalidOperationException($"Certificate {c.Code} did not render as a PDF.");

            start = Stopwatch.GetTimestamp();
            var line = OneLine(typeface, issued);
            baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            baselineSize = line.Length;
        }
        return new RenderResult(certificate, baseline, sizes, baselineSize, certificates.Count(c => c.HolderName.Any(ch => ch is >= '\u0600' and <= '\u06FF' or >= '\u3000')));
    }

    /// <summary>The baseline: one A4 landscape page with one line of text in the certificate's regular font, through
    /// the same SKDocument PDF path and metadata, to a byte array as <see cref="CertificatePdf.Render(Certificate)"/> does.</summary>
    private static byte[] OneLine(SKTypeface typeface, DateTime issued)
    {
        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = "Certificate of completion", Author = "Academy", Creator = "Academy", Producer = "Academy",
            Creation = issued, Modified = issued, RasterDpi = 72,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var canvas = document.BeginPage(842, 595);
            using var font = new SKFont(typeface, 24) { Subpixel = true };
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText("Certificate of completion", 421, 300, SKTextAlign.Center, font, paint);
            document.EndPage();
            document.Close();
        }
        return output.ToArray();
    }

    // ---- Part 2: the zip download ----

    private static async Task<List<ZipResult>> MeasureZipAsync(IReadOnlyList<Certificate> certificates, Options options)
    {
        var folder = Directory.CreateTempSubdirectory("academy-certificate-bench-").FullName;
        try
        {
            await using var site = new Site(folder);
            using var client = site.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
            });
            using (var scope = site.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
                var holder = await db.Users.Where(u => u.Email == "newhire@academy.test").Select(u => u.Id).SingleAsync();
                db.Certificates.RemoveRange(db.Certificates);
                db.Certificates.AddRange(certificates.Select(c => Copy(c, holder)));
                await db.SaveChangesAsync();
            }
            await SignInAsync(client, "hr@academy.test");

            // A discarded download first, of one program's certificates (about a third): the page, EF's query and
            // SkiaSharp's first calls at their first JIT tier. Printed, since its peak memory against the full zip's
            // tells whether memory grows with the number of certificates.
            var onboarding = certificates.Count(c => c.ProgramId == "onboarding");
            var warmup = await DownloadAsync(client, "/certificates/manage?handler=Zip&Filter.Program=onboarding", Path.Combine(folder, "certificates.zip"));
            if (warmup.Entries != onboarding) throw new InvalidOperationException($"The filtered zip holds {warmup.Entries} certificates, not {onboarding}.");
            Console.WriteLine($"  (warm-up, {onboarding} certificates, discarded)");
            Console.WriteLine(ZipLine(warmup));

            var results = new List<ZipResult> { warmup };
            for (var run = 0; run < options.ZipRuns; run++)
            {
                var result = await DownloadAsync(client, "/certificates/manage?handler=Zip", Path.Combine(folder, "certificates.zip"));
                if (result.Entries != certificates.Count)
                    throw new InvalidOperationException($"The zip holds {result.Entries} certificates, not {certificates.Count}.");
                results.Add(result);
            }
            return results;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<ZipResult> DownloadAsync(HttpClient client, string url, string file)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(false);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        long heapPeak = heapBefore, workingSetPeak = workingSetBefore;

        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            do
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                process.Refresh();
                workingSetPeak = Math.Max(workingSetPeak, process.WorkingSet64);
            }
            while (!stop.IsCancellationRequested && await timer.WaitForNextTickAsync(CancellationToken.None));
        });

        var start = Stopwatch.GetTimestamp();
        double firstByte;
        long bytes = 0;
        using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/zip")
                throw new InvalidOperationException($"The zip download answered {(int)response.StatusCode} {response.Content.Headers.ContentType}.");
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var output = File.Create(file);
            var buffer = new byte[81920];
            var read = await body.ReadAsync(buffer);
            firstByte = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            while (read > 0)
            {
                bytes += read;
                await output.WriteAsync(buffer.AsMemory(0, read));
                read = await body.ReadAsync(buffer);
            }
        }
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await stop.CancelAsync();
        await sampler;

        int entries;
        await using (var zip = await ZipFile.OpenReadAsync(file))
        {
            entries = zip.Entries.Count;
            await using var first = await zip.Entries[0].OpenAsync();
            var magic = new byte[4];
            await first.ReadExactlyAsync(magic);
            if (Encoding.ASCII.GetString(magic) != "%PDF") throw new InvalidOperationException("The zip's first entry is not a PDF.");
        }
        return new ZipResult(firstByte, total, bytes, entries, heapBefore, heapPeak, workingSetBefore, workingSetPeak);
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        string login;
        using (var page = await client.GetAsync("/account/login")) login = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(login) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the sign-in page.");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
    }

    private sealed class Site(string folder) : WebApplicationFactory<ContentCatalog>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Academy", $"Data Source={Path.Combine(folder, "academy.db")}");
            builder.UseSetting("Academy:ContentPath", Path.Combine(RepositoryRoot(), "content"));
            builder.UseSetting("Academy:Demo:Seed", "true");
            builder.UseSetting("Academy:Demo:Password", Password);
            builder.UseSetting("Academy:OrganisationName", SiteOptions().OrganisationName);
            builder.UseSetting("Academy:PublicUrl", SiteOptions().PublicUrl);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            builder.ConfigureServices(services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys"))));
        }
    }

    // ---- The certificates ----

    private static AcademyOptions SiteOptions() => new() { OrganisationName = "Harbour Hotels Academy", PublicUrl = "https://academy.harbour-hotels.example" };

    /// <summary>Always the same certificates (fixed seed): half English, half French; names with accents, and one in 25
    /// in Arabic or CJK script (drawn with the fallback font); two to five standards; about one in three without expiry.</summary>
    private static List<Certificate> Generate(int count)
    {
        var random = new Random(10);
        string[] first = ["Amélie", "Jordan", "Chloé", "Noah", "Zoë", "François", "Priya", "Mateo", "Siobhán", "Kwame", "Léa", "Oliver"];
        string[] last = ["Dubois", "Lee", "Nguyễn", "Okafor", "García Márquez", "Müller", "O'Connor", "Lefèvre-Duchâteau", "Kowalczyk", "Smith"];
        string[] nonLatin = ["فاطمة الزهراء", "王小明", "佐藤 花子", "김민준", "محمد علي"];
        (string Id, string Title, string French)[] programs =
        [
            ("onboarding", "New hire onboarding", "Intégration des nouveaux arrivants"),
            ("guest-service", "Guest service essentials", "Les essentiels du service client"),
            ("food-safety", "Food safety and hygiene, level 2", "Sécurité alimentaire et hygiène, niveau 2"),
        ];
        string[] standards = ["Greeting and first impression", "Active listening", "Complaint recovery", "Escalation to a manager",
            "Guest preferences and privacy", "Allergen handling", "Cleaning schedules", "Temperature control"];
        var issuedFrom = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var list = new List<Certificate>(count);
        for (var i = 0; i < count; i++)
        {
            var french = i % 2 == 1;
            var program = programs[random.Next(programs.Length)];
            var issued = issuedFrom.AddMinutes(random.Next(0, 60 * 24 * 330));
            list.Add(new Certificate
            {
                Code = CertificateCode.NewCode(),
                HolderId = "",
                HolderName = i % 25 == 7 ? nonLatin[random.Next(nonLatin.Length)] : $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}",
                ProgramId = program.Id,
                ProgramTitle = french ? program.French : program.Title,
                Standards = string.Join('\n', standards.OrderBy(_ => random.Next()).Take(random.Next(2, 6))),
                Language = french ? "fr" : "en",
                IssuedAt = issued,
                ExpiresAt = random.Next(3) == 0 ? null : issued.AddYears(random.Next(1, 3)),
                CompletionKey = $"bench-{i}",
            });
        }
        return list;
    }

    private static Certificate Copy(Certificate c, string holder) => new()
    {
        Code = c.Code, HolderId = holder, HolderName = c.HolderName, ProgramId = c.ProgramId, ProgramTitle = c.ProgramTitle,
        Standards = c.Standards, Language = c.Language, IssuedAt = c.IssuedAt, ExpiresAt = c.ExpiresAt, CompletionKey = c.CompletionKey,
    };

    // ---- Report ----

    private static IEnumerable<string> Summary(RenderResult r, List<ZipResult> zips, Options options, string loadBefore, string loadAfter)
    {
        var certificateMedian = Median(r.Certificate);
        var baselineMedian = Median(r.Baseline);
        var sizesKb = r.Sizes.Select(s => s / 1024.0).ToList();
        yield return $"## Rendering {options.Count} certificates";
        yield return "";
        yield return "| per file | median | p99 | max | sum of the round |";
        yield return "| --- | ---: | ---: | ---: | ---: |";
        yield return Invariant($"| certificate (`CertificatePdf.Render`) | **{certificateMedian:0.00} ms** | {Percentile(r.Certificate, 0.99):0.00} ms | {r.Certificate.Max():0.00} ms | {r.Certificate.Sum() / 1000:0.00} s |");
        yield return Invariant($"| baseline: one line, same font, SKDocument PDF | {baselineMedian:0.00} ms | {Percentile(r.Baseline, 0.99):0.00} ms | {r.Baseline.Max():0.00} ms | {r.Baseline.Sum() / 1000:0.00} s |");
        yield return "";
        yield return Invariant($"Throughput ratio (baseline median / certificate median): **{baselineMedian / certificateMedian:0.00}** (goal ≥ 0.5).");
        yield return Invariant($"Size per certificate: median **{Median(sizesKb):0.0} KB**, p99 {Percentile(sizesKb, 0.99):0.0} KB, max {sizesKb.Max():0.0} KB (goal ≤ 250 KB); the one-line page: {r.BaselineSize / 1024.0:0.0} KB. {r.NonLatin} of the {options.Count} holders' names are in Arabic, Chinese, Japanese or Korean script (fallback font).");
        yield return "";
        yield return $"## Zip of {options.Count} certificates (`GET /certificates/manage?handler=Zip`, signed in as HR)";
        yield return "";
        yield return "| run | time to first byte | total | zip size | managed heap before → peak | working set before → peak |";
        yield return "| --- | ---: | ---: | ---: | ---: | ---: |";
        var i = 0;
        foreach (var z in zips)
            yield return Invariant($"| {(i++ == 0 ? $"warm-up, {z.Entries} certificates, discarded" : $"{i - 1}")} | {z.FirstByteMs:0} ms | {z.TotalMs / 1000:0.00} s | {z.Bytes / 1048576.0:0.0} MB | {z.HeapBefore / 1048576.0:0.0} → {z.HeapPeak / 1048576.0:0.0} MB | {z.WorkingSetBefore / 1048576.0:0} → {z.WorkingSetPeak / 1048576.0:0} MB |");
        var warm = zips[0];
        zips = zips.Skip(1).ToList();
        yield return "";
        yield return Invariant($"Medians: time to first byte **{Median(zips.Select(z => z.FirstByteMs).ToList()):0} ms**, total {Median(zips.Select(z => z.TotalMs).ToList()) / 1000:0.00} s; peak managed heap **{zips.Max(z => z.HeapPeak - z.HeapBefore) / 1048576.0:0.0} MB** above the level before (largest of the runs), peak working set {zips.Max(z => z.WorkingSetPeak - z.WorkingSetBefore) / 1048576.0:0} MB above, for a zip of {zips[0].Bytes / 1048576.0:0.0} MB. The warm-up zip of {warm.Entries} certificates ({warm.Bytes / 1048576.0:0.0} MB) peaked at {(warm.HeapPeak - warm.HeapBefore) / 1048576.0:0.0} MB of managed heap above its start.");
        yield return "";
        yield return $"Load average before / after: {loadBefore} / {loadAfter}.";
    }

    private static string ZipLine(ZipResult z) => Invariant(
        $"  first byte {z.FirstByteMs:0} ms, total {z.TotalMs:0} ms, {z.Bytes / 1048576.0:0.0} MB, {z.Entries} entries; heap {z.HeapBefore / 1048576.0:0.0} -> {z.HeapPeak / 1048576.0:0.0} MB; working set {z.WorkingSetBefore / 1048576.0:0} -> {z.WorkingSetPeak / 1048576.0:0} MB");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteResults(string path, Options options, IEnumerable<string> lines)
    {
        var text = new StringBuilder()
            .AppendLine("# Certificate benchmark: last results")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} on {Environment.ProcessorCount} cores, commit {Commit()}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Academy.Bench -- certificates --count {options.Count} --warmup {options.Warmup} --zip-runs {options.ZipRuns}`.")
            .AppendLine()
            .AppendJoin(Environment.NewLine, lines).AppendLine();
        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"Results written to {path}");
    }

    private static Options Parse(string[] args)
    {
        int count = 1000, warmup = 50, zipRuns = 2;
        var write = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--count": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--zip-runs": zipRuns = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--no-write": write = false; break;
                default: throw new ArgumentException($"unknown option {args[i]}.");
            }
        }
        if (count < 1 || warmup < 0 || zipRuns < 1) throw new ArgumentException("a count and zip runs of 1 or more.");
        return new Options(count, warmup, zipRuns, write);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest rank, as the other benchmarks.</summary>
    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Commit()
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

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Academy.sln"))) return folder.FullName;
        throw new InvalidOperationException("Academy.sln not found above the working directory: run from the repository.");
    }
}
