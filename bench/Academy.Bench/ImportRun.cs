using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Academy.Bench;

/// <summary>Runs <see cref="ImportBenchmarks"/> under BenchmarkDotNet, then the same four operations interleaved,
/// prints the throughput ratios from the medians of both and keeps them, with BenchmarkDotNet's summary table, in
/// <c>bench/results/import.md</c>.</summary>
/// <remarks>BenchmarkDotNet measures one benchmark after the other, so on a shared machine a burst of other work
/// lands on one of them and moves the ratio (we saw the import ratio swing from 0.05 to 0.29 between two runs). The
/// interleaved pass runs the four one after the other in each round, so a burst slows all four.</remarks>
public static class ImportRun
{
    private const int InterleavedWarmupRounds = 5;
    private const int InterleavedRounds = 21;

    public static int Run(string[] args)
    {
        if (args.Contains("--interleaved-only"))
        {
            // A quick look (about 15 s) while working on the parser or the importer; writes no results.
            var quick = Interleaved();
            Console.WriteLine($"interleaved medians ({InterleavedRounds} rounds): {quick.Times()}");
            Console.WriteLine($"  throughput ratio: {quick.Ratios()}");
            return 0;
        }
        var benchFolder = Path.Combine(RepositoryRoot(), "bench");
        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(benchFolder, "Academy.Bench", "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<ImportBenchmarks>(config, args);

        var bdn = new Medians(
            Median(summary, nameof(ImportBenchmarks.MarkdigToHtml)),
            Median(summary, nameof(ImportBenchmarks.MarkdigToHtmlAcademyPipeline)),
            Median(summary, nameof(ImportBenchmarks.ParseAll)),
            Median(summary, nameof(ImportBenchmarks.Import)));
        if (bdn.Baseline is null || bdn.AcademyPipeline is null || bdn.Parse is null || bdn.Import is null)
        {
            Console.Error.WriteLine("A benchmark did not produce results (or --filter left some out); see the log above.");
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine($"Interleaved pass: {InterleavedWarmupRounds} warm-up rounds, {InterleavedRounds} measured rounds of baseline, Academy's pipeline, parse, import.");
        var interleaved = Interleaved();

        var content = GeneratedContent.Describe(GeneratedContent.Create(ImportBenchmarks.Modules));
        var lines = new[]
        {
            $"content: {content}",
            $"BenchmarkDotNet medians: {bdn.Times()}",
            $"  throughput ratio: {bdn.Ratios()}",
            $"interleaved medians ({InterleavedRounds} rounds): {interleaved.Times()}",
            $"  throughput ratio: {interleaved.Ratios()}",
        };
        Console.WriteLine();
        foreach (var line in lines) Console.WriteLine(line);

        WriteResults(Path.Combine(benchFolder, "results", "import.md"), summary, lines);
        return 0;
    }

    /// <summary>Medians in nanoseconds, as BenchmarkDotNet reports them.</summary>
    private sealed record Medians(double? Baseline, double? AcademyPipeline, double? Parse, double? Import)
    {
        public string Times() => string.Create(CultureInfo.InvariantCulture,
            $"Markdig ToHtml {Baseline / 1e6:0.0} ms (with Academy's pipeline {AcademyPipeline / 1e6:0.0} ms), ParseAll {Parse / 1e6:0.0} ms, import {Import / 1e6:0.0} ms");

        // Same bytes in, so throughput relative to Markdig is the inverse of the time ratio. The goal is against plain
        // Markdig; the ratio to Markdig with Academy's own pipeline leaves the extensions' cost out, so it shows what
        // Academy's parsing (front matter, lessons, safe links, checks) adds to the Markdown work it cannot avoid.
        public string Ratios() => string.Create(CultureInfo.InvariantCulture,
            $"parse {Baseline / Parse:0.00}, import {Baseline / Import:0.00} (Markdig ToHtml = 1); parse {AcademyPipeline / Parse:0.00}, import {AcademyPipeline / Import:0.00} (Markdig ToHtml with Academy's pipeline = 1)");
    }

    private static Medians Interleaved()
    {
        var bench = new ImportBenchmarks();
        bench.GlobalSetup();
        try
        {
            var times = new List<double>[] { [], [], [], [] };
            for (var round = 0; round < InterleavedWarmupRounds + InterleavedRounds; round++)
            {
                var baseline = Time(() => bench.MarkdigToHtml());
                var academyPipeline = Time(() => bench.MarkdigToHtmlAcademyPipeline());
                var parse = Time(() => bench.ParseAll());
                bench.ForgetImportedContent();
                var import = Time(() => bench.Import().GetAwaiter().GetResult());
                if (round < InterleavedWarmupRounds) continue;
                times[0].Add(baseline);
                times[1].Add(academyPipeline);
                times[2].Add(parse);
                times[3].Add(import);
            }
            return new Medians(Median(times[0]), Median(times[1]), Median(times[2]), Median(times[3]));
        }
        finally
        {
            bench.GlobalCleanup();
        }
    }

    /// <summary>Nanoseconds for one call, after a full collection as BenchmarkDotNet does between iterations.</summary>
    private static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double? Median(Summary summary, string method) =>
        summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Median;

    private static void WriteResults(string path, Summary summary, IEnumerable<string> lines)
    {
        var table = Directory.EnumerateFiles(summary.ResultsDirectoryPath, "*ImportBenchmarks-report-github.md").FirstOrDefault() is { } file
            ? File.ReadAllText(file).Trim()
            : "(BenchmarkDotNet's GitHub table was not exported)";
        var text = new StringBuilder()
            .AppendLine("# Import benchmark: last results")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} on {Environment.ProcessorCount} cores, load average {LoadAverage()} when it ended.")
            .AppendLine("Command: `dotnet run -c Release --project bench/Academy.Bench -- import`.")
            .AppendLine()
            .AppendLine("```");
        foreach (var line in lines) text.AppendLine(line);
        text.AppendLine("```")
            .AppendLine()
            .AppendLine("BenchmarkDotNet's summary (its Ratio column is time over the baseline's time, a mean of ratios; the lines above use medians):")
            .AppendLine()
            .AppendLine(table);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"Results written to {path}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The folder of Academy.sln, found upwards from the working directory or from this program.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Academy.sln"))) return folder.FullName;
        throw new InvalidOperationException("Academy.sln not found above the working directory: run from the repository.");
    }
}
