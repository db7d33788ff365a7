using System.Reflection;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Pages.Admin;

/// <summary>What an administrator checks when something seems wrong: which build runs on this node, the database,
/// the last content import, the background jobs, the mail outbox and the disk space left. Read only.</summary>
public sealed class OperationsModel(AcademyDbContext db, JobStorage jobs, NodeIdentity node, IOptions<AcademyOptions> options, IHostEnvironment environment) : PageModel
{
    public sealed record Space(string Label, string Path, long? Free, long? Total);

    public sealed record FailedJob(string Name, DateTime? FailedAt, string? Reason);

    public string Version { get; } = typeof(OperationsModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
    public string Node => node.Name;
    public string Provider { get; private set; } = "";
    public long? DatabaseBytes { get; private set; }
    public Lease? LastImport { get; private set; }
    public int ContentProblems { get; private set; }
    public Hangfire.Storage.Monitoring.StatisticsDto JobStatistics { get; private set; } = new();
    public IReadOnlyList<FailedJob> FailedJobs { get; private set; } = [];
    public bool JobsRunHere => options.Value.Jobs.Enabled;
    public int MailWaiting { get; private set; }
    public int MailFailed { get; private set; }
    public IReadOnlyList<Space> Spaces { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        Provider = sqlite ? "SQLite" : db.Database.IsNpgsql() ? "PostgreSQL" : db.Database.ProviderName ?? "";
        var databaseFile = sqlite ? new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource : null;
        DatabaseBytes = databaseFile is not null ? FileBytes(databaseFile) + FileBytes(databaseFile + "-wal")
            : await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken);
        LastImport = await db.Leases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == Lease.ContentImport, cancellationToken);
        ContentProblems = await db.ContentProblems.CountAsync(cancellationToken);
        MailWaiting = await db.MailOutbox.CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken);
        MailFailed = await db.MailOutbox.CountAsync(m => m.SentAt == null && m.FailedAt != null, cancellationToken);

        var monitoring = jobs.GetMonitoringApi();
        JobStatistics = monitoring.GetStatistics();
        FailedJobs = monitoring.FailedJobs(0, 5)
            .Select(j => new FailedJob(j.Value.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : j.Key, j.Value.FailedAt, j.Value.ExceptionMessage))
            .ToList();

        var contentRoot = options.Value.ContentRoot(environment);
        Spaces =
        [
            .. databaseFile is not null ? [SpaceOf("Database folder", Path.GetDirectoryName(Path.GetFullPath(databaseFile))!)] : Array.Empty<Space>(),
            SpaceOf("Content folder (training files and their images)", contentRoot),
            SpaceOf("Mail pickup folder", Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Mail.PickupPath))),
        ];
    }

    private static long FileBytes(string path) => System.IO.File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>The free and total space of the file system holding <paramref name="path"/> (or its nearest existing parent).</summary>
    private static Space SpaceOf(string label, string path)
    {
        var existing = path;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        try
        {
            var drive = new DriveInfo(existing);
            return new Space(label, path, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new Space(label, path, null, null);
        }
    }
}
