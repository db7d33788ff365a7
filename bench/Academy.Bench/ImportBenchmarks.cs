using System.Diagnostics;
using Academy.Domain.Content;
using Academy.Web.Data;
using BenchmarkDotNet.Attributes;
using Markdig;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Academy.Bench;

/// <summary>Four ways through the same 201 generated files (200 modules and their standards), in one class so
/// that BenchmarkDotNet runs them in one process and the Ratio column compares like with like.</summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from it. One invocation per iteration,
/// because the import must find the content not imported yet, which only a per-iteration setup can promise.</remarks>
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20, invocationCount: 1)]
[MemoryDiagnoser]
public class ImportBenchmarks
{
    public const int Modules = 200;
    private const int WarmUpSeconds = 5;

    private static readonly MarkdownPipeline DefaultPipeline = new MarkdownPipelineBuilder().Build();

    private IReadOnlyList<SourceFile> _files = [];
    private string _folder = "";
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _files = GeneratedContent.Create(Modules);
        _folder = Directory.CreateTempSubdirectory("academy-bench-").FullName;
        var content = Path.Combine(_folder, "content");
        GeneratedContent.WriteTo(content, _files);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AcademyDbContext>(o => o.UseAcademySqlite($"Data Source={Path.Combine(_folder, "bench.db")}"));
        services.AddSingleton<ContentCatalog>();
        services.AddScoped<ContentImporter>();
        _services = services.BuildServiceProvider();

        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        db.Database.Migrate();
        // As the site does at start (AcademySetup.PrepareDatabaseAndContentAsync).
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");

        // The generator must produce content the parser accepts, or the import would measure error reporting.
        var result = ImportAsync().GetAwaiter().GetResult();
        if (result.NewVersions != _files.Count || result.Problems.Count != 0)
            throw new InvalidOperationException(
                $"The generated content did not import cleanly: {result.NewVersions} of {_files.Count} versions, " +
                $"{result.Problems.Count} problems, first: {result.Problems.FirstOrDefault()}");

        // Tiered JIT: with one call per iteration, a few warm-up iterations leave much of Markdig, the parser and EF at
        // tier 0 (MarkdigToHtml measured 30-80 ms, falling iteration after iteration, against 6-8 ms once warm).
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * WarmUpSeconds;
        while (Stopwatch.GetTimestamp() < until)
        {
            MarkdigToHtml();
            MarkdigToHtmlAcademyPipeline();
            ParseAll();
            ForgetImportedContent();
            ImportAsync().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Empties the content tables so that each import really inserts 201 files and 201 versions.</summary>
    [IterationSetup(Target = nameof(Import))]
    public void ForgetImportedContent()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        db.ContentVersions.ExecuteDelete();
        db.ContentFiles.ExecuteDelete();
        db.ContentProblems.ExecuteDelete();
    }

    /// <summary>Plain Markdig: every file's whole text to HTML with a default pipeline, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int MarkdigToHtml()
    {
        var length = 0;
        foreach (var file in _files) length += Markdown.ToHtml(file.Text, DefaultPipeline).Length;
        return length;
    }

    /// <summary>Not a goal, a landmark: the same, with Academy's pipeline (raw HTML off, pipe tables, emphasis extras,
    /// autolinks, list extras), to tell what the extensions cost from what Academy's own parsing costs.</summary>
    [Benchmark]
    public int MarkdigToHtmlAcademyPipeline()
    {
        var length = 0;
        foreach (var file in _files) length += Markdown.ToHtml(file.Text, MarkdownRenderer.Pipeline).Length;
        return length;
    }

    /// <summary>Academy's parser: front matter, validation, lessons split and rendered, cross-file checks.</summary>
    [Benchmark]
    public IReadOnlyList<ParsedFile> ParseAll() => ContentParser.ParseAll(_files);

    /// <summary>The real import: read the folder, parse, hash, serialize, insert in one SaveChanges, reload the catalog.</summary>
    [Benchmark]
    public Task<ImportResult> Import() => ImportAsync();

    private async Task<ImportResult> ImportAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>()
            .ImportDirectoryAsync(Path.Combine(_folder, "content"), CancellationToken.None);
    }
}
