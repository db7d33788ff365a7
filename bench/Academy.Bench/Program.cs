using Academy.Bench;

// `import` runs the import benchmark; `preview` the editor's live preview at 20, 200 and 2,000 modules; `bare` serves
// one saved page, the baseline that bench/module-page.sh compares the real module page with; `steps` is
// bench/step-post.sh's load driver; `certificates` the certificate PDFs and their zip; `assignments` the jobs of issue 9 and My learning; `generate` writes the import benchmark's content to a folder, to read it.
return args.FirstOrDefault() switch
{
    "import" => ImportRun.Run(args[1..]),
    "preview" => await PreviewRun.RunAsync(args[1..]),
    "bare" => await BareServer.RunAsync(args[1..]),
    "steps" => await StepPostRun.RunAsync(args[1..]),
    "certificates" => await CertificateRun.RunAsync(args[1..]),
    "assignments" => await AssignmentsRun.RunAsync(args[1..]),
    "reports" => await ReportsRun.RunAsync(args[1..]),
    "employees" => await EmployeeImportRun.RunAsync(args[1..]),
    "indicator" => await IndicatorRun.RunAsync(args[1..]),
    "seed-lineup" => await LineupSeed.RunAsync(args[1..]),
    "generate" when args.Length == 2 => Generate(args[1]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          dotnet run -c Release --project bench/Academy.Bench -- import [--interleaved-only | BenchmarkDotNet options]
          dotnet run -c Release --project bench/Academy.Bench -- preview [--sizes 20,200,2000] [--warmup 200] [--rounds 400] [--old-rounds 5] [--no-write]
              (the editor's live preview request against a catalogue of generated modules, and the parse of the one file alone)
          Academy.Bench bare --file page.html --urls http://127.0.0.1:5081
          Academy.Bench steps --base http://127.0.0.1:5080 --db <site's SQLite file> [--learners 32] [--duration 20s] [--runs 2]
              (the load driver of bench/step-post.sh: quiz step POSTs per second, the module page in the same run, a count of the answers stored)
          dotnet run -c Release --project bench/Academy.Bench -- certificates [--count 1000] [--warmup 50] [--zip-runs 2] [--no-write]
              (1,000 certificate PDFs against a one-line SkiaSharp page, and HR's zip of 1,000 through the real page)
          dotnet run -c Release --project bench/Academy.Bench -- assignments [--sizes 1000,10000] [--rounds 3] [--page-warmup 100] [--page-rounds 300] [--no-write]
              (assignment sync and refresher scan over generated employees × 60 modules against raw SQL; My learning against the lesson page)
          dotnet run -c Release --project bench/Academy.Bench -- reports [--sizes 1000x20,10000x60,50000x100] [--rounds 2] [--screen-rounds 30] [--rollup-rounds 2] [--rollup-filters 0] [--formats csv,xlsx] [--keep <folder>] [--no-write]
              (the completion report's CSV and XLSX exports against a raw SqliteDataReader scan; its first screen against the module page;
               --rollup-filters N: N rounds of the rollups filtered by a module, a program and a standard, each against the module page)
          dotnet run -c Release --project bench/Academy.Bench -- employees [--sizes 1000,50000] [--no-write]
              (HR's employee CSV import: preview and apply times, then the same file again)
          dotnet run -c Release --project bench/Academy.Bench -- indicator [--ideas 100000] [--employees 10000] [--rounds 30] [--warmup 5] [--no-write]
              (the leading indicator page's time to first byte, as HR and as a manager, against the module page)
          Academy.Bench seed-lineup --db <site's SQLite file> [--email newhire@academy.test] [--items 5000] [--days 730]
              (bench/lineup-card.sh's learner: review items and two years of reviews and line-ups)
          Academy.Bench generate <folder>    (writes the import benchmark's content, to read it)
        """);
    return 2;
}

static int Generate(string folder)
{
    var files = GeneratedContent.Create(ImportBenchmarks.Modules);
    GeneratedContent.WriteTo(folder, files);
    Console.WriteLine(GeneratedContent.Describe(files));
    return 0;
}
