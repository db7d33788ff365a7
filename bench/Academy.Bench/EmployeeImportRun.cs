using System.Diagnostics;
using System.Globalization;
using System.Text;
using Academy.Domain.People;
using Academy.Web.Data;
using Academy.Web.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Bench;

/// <summary>HR's employee import at N generated rows (a manager tree ten wide, 20 departments): the preview (read,
/// decode, parse, check against the stored employees: what the preview page computes), the apply job on a fresh
/// database (creates, invitations, the audience sync after it), then the same file again (all unchanged).</summary>
/// <remarks>The real site runs in this process on TestServer with the repository's content and no Hangfire server; the
/// job is resolved from its container and run directly, as the tests do.</remarks>
public static class EmployeeImportRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray() ?? [1000, 50000];
        var write = !args.Contains("--no-write");
        var lines = new List<string>();
        foreach (var size in sizes)
        {
            var line = await RunOneAsync(size);
            Console.WriteLine(line);
            lines.Add(line);
        }
        if (write)
        {
            var path = Path.Combine(RepositoryRoot(), "bench", "results", "employee-import.md");
            await File.WriteAllTextAsync(path, $"""
                # Employee import benchmark: last results

                Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, load average {Load()} when it ended.
                Command: `dotnet run -c Release --project bench/Academy.Bench -- employees --sizes {string.Join(',', sizes)}`.

                Preview: read, decode, parse and check the stored file against every stored employee (the preview page's work),
                median of 3. Apply: the background job on the previewed file (one transaction, an invitation per new employee,
                then the assignment sync over everyone). Again: the same file a second time, every row unchanged.

                ```
                {string.Join("\n", lines)}
                ```

                """);
            Console.WriteLine($"written to {path}");
        }
        return 0;
    }

    private static async Task<string> RunOneAsync(int size)
    {
        var folder = Directory.CreateTempSubdirectory("academy-bench-import-").FullName;
        try
        {
            using var site = new Site(folder);
            _ = site.Server;
            var csv = Generate(size);
            var (first, previewMs) = await StoreAndPreviewAsync(site, csv);
            var apply = Stopwatch.StartNew();
            await RunJobAsync(site, first);
            apply.Stop();
            var (second, againPreviewMs) = await StoreAndPreviewAsync(site, csv);
            var again = Stopwatch.StartNew();
            await RunJobAsync(site, second);
            again.Stop();
            using var scope = site.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var a = await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == first);
            var b = await db.EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == second);
            var invitations = await db.MailOutbox.CountAsync(m => m.Key.StartsWith("invite:"));
            return string.Create(CultureInfo.InvariantCulture,
                $"{size,6} rows ({csv.Length / 1024} KB): preview {previewMs,7:0} ms, apply {apply.Elapsed.TotalMilliseconds,7:0} ms ({a.Status}: {a.Created} created, {invitations} invitations), " +
                $"again: preview {againPreviewMs,7:0} ms, apply {again.Elapsed.TotalMilliseconds,7:0} ms ({b.Status}: {b.Unchanged} unchanged, {b.Created + b.Updated} written)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(int Id, double PreviewMs)> StoreAndPreviewAsync(Site site, byte[] csv)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var hr = await db.Users.Where(u => u.Email == "hr@academy.test").Select(u => u.Id).SingleAsync();
        var file = new EmployeeImportFile
        {
            FileName = "bench.csv", Content = csv, ColumnsJson = ImportPlanner.ColumnsJson(ImportHeaders.Map(ImportFileReader.Read(csv).Headers)),
            UploadedById = hr, UploadedAt = DateTimeOffset.UtcNow, Status = ImportStatus.Uploaded,
        };
        db.EmployeeImports.Add(file);
        await db.SaveChangesAsync();
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var check = await ImportPlanner.CheckAsync(db, file, CancellationToken.None);
            watch.Stop();
            if (check.Plan.Errors.Count > 0) throw new InvalidOperationException($"generated file has errors: {check.Plan.Errors[0]}");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (file.Id, times.Order().ElementAt(1));
    }

    private static async Task RunJobAsync(Site site, int id)
    {
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EmployeeImportJob>().RunAsync(id, CancellationToken.None);
    }

    private static byte[] Generate(int size)
    {
        var text = new StringBuilder("Matricule;Courriel;Nom;Département;Poste;Lieu;Responsable;Date d'embauche;Langue;Actif\r\n");
        for (var i = 0; i < size; i++)
        {
            var manager = i == 0 ? "" : $"B{(i - 1) / 10:D6}";
            text.Append(CultureInfo.InvariantCulture, $"B{i:D6};bench{i}@import.test;\"Employé {i}, Bench\";Dept {i % 20};Role {i % 7};Site {i % 5};{manager};{new DateOnly(2015, 1, 1).AddDays(i % 3000):dd/MM/yyyy};{(i % 3 == 0 ? "fr" : "en")};oui\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Academy.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Academy.sln not found");
    }

    private sealed class Site(string folder) : WebApplicationFactory<ContentCatalog>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Academy", $"Data Source={Path.Combine(folder, "academy.db")}");
            builder.UseSetting("Academy:ContentPath", Path.Combine(RepositoryRoot(), "content"));
            builder.UseSetting("Academy:Demo:Seed", "true");
            builder.UseSetting("Academy:Demo:Password", "Academy-Bench-2026");
            builder.UseSetting("Academy:Jobs:Enabled", "false");
            builder.UseSetting("Academy:Mail:PickupPath", Path.Combine(folder, "mail"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // The job's own line: how long the checks and writes took, and the audience rules after them.
            builder.UseSetting("Logging:LogLevel:Academy.Web.Import.EmployeeImportJob", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        }
    }
}
