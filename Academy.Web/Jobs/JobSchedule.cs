using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace Academy.Web.Jobs;

/// <summary>Hangfire on its in-memory storage with SQLite (PostgreSQL's storage with Postgres): the state that matters
/// lives in Academy's tables, so a restart loses only Hangfire's queue, which <see cref="Start"/> rebuilds (every
/// recurring job, then a missed-work run of each).</summary>
public static class JobSchedule
{
    public const string AssignmentSync = "assignment-sync";
    public const string RefresherScan = "refresher-scan";
    public const string Reminders = "reminders";
    public const string MailDispatch = "mail-dispatch";
    public const string CertificateScan = "certificate-scan";
    public const string ScheduledReports = "scheduled-reports";
    public const string TrainingCounts = "training-counts";

    public static void AddAcademyJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        // The storage is made inside AddHangfire, per host: two hosts in one process (the tests) keep their own.
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // On PostgreSQL every node shares one queue in the database (schema "hangfire"), so a job, recurring or
            // not, runs on one node only; on SQLite there is one node, and the queue lives in its memory.
            if (provider == DatabaseProvider.Postgres)
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // An interrupted job (a node stopped mid-run) is picked up by another node after this long.
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                });
            else
                c.UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        });
        if (configuration.GetValue("Academy:Jobs:Enabled", true))
            services.AddHangfireServer((provider, o) =>
            {
                // Named after the node, so that its readiness check finds it among every node's servers in a shared storage.
                o.ServerName = provider.GetRequiredService<NodeIdentity>().Name;
                o.WorkerCount = 2;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(2);
            });
        services.AddScoped<AssignmentSyncJob>();
        services.AddScoped<RefresherScanJob>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<MailDispatchJob>();
        services.AddScoped<CertificateIssueJob>();
        services.AddScoped<ScheduledReportJob>();
        services.AddScoped<TrainingCountsJob>();
        services.AddSingleton<MailSender>();
    }

    /// <summary>Registers the recurring jobs from <c>Academy:Jobs:*</c> and, when this process runs jobs, catches up at
    /// once in order (sync, refreshers, certificates, reminders, mail): what a stopped process missed is done now.</summary>
    public static void Start(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IOptions<AcademyOptions>>().Value.Jobs;
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        recurring.AddOrUpdate<AssignmentSyncJob>(AssignmentSync, j => j.RunAsync(CancellationToken.None), jobs.AssignmentSync, utc);
        recurring.AddOrUpdate<RefresherScanJob>(RefresherScan, j => j.RunAsync(CancellationToken.None), jobs.RefresherScan, utc);
        recurring.AddOrUpdate<ReminderJob>(Reminders, j => j.RunAsync(CancellationToken.None), jobs.Reminders, utc);
        recurring.AddOrUpdate<MailDispatchJob>(MailDispatch, j => j.RunAsync(CancellationToken.None), jobs.MailDispatch, utc);
        recurring.AddOrUpdate<CertificateIssueJob>(CertificateScan, j => j.RunMissedAsync(CancellationToken.None), jobs.CertificateScan, utc);
        recurring.AddOrUpdate<ScheduledReportJob>(ScheduledReports, j => j.RunAsync(CancellationToken.None), jobs.ScheduledReports, utc);
        recurring.AddOrUpdate<TrainingCountsJob>(TrainingCounts, j => j.RunAsync(CancellationToken.None), jobs.TrainingCounts, utc);
        // Resolved now, while Hangfire's process-wide log provider is this host's: a client first made later, after
        // another host in the same process (a test's restart) has set and disposed its own, fails to make its logger.
        var client = services.GetRequiredService<IBackgroundJobClient>();
        if (!jobs.Enabled) return;
        using (var scope = services.CreateScope())
            Import.EmployeeImportJob.RequeueInterrupted(scope.ServiceProvider.GetRequiredService<Data.AcademyDbContext>(), services.GetRequiredService<Import.ImportProgress>());
        var sync = client.Enqueue<AssignmentSyncJob>(j => j.RunAsync(CancellationToken.None));
        var scan = client.ContinueJobWith<RefresherScanJob>(sync, j => j.RunAsync(CancellationToken.None), new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
        // Certificates before reminders, which mention when a certificate expires.
        var certificates = client.ContinueJobWith<CertificateIssueJob>(scan, j => j.RunMissedAsync(CancellationToken.None), new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
        var remind = client.ContinueJobWith<ReminderJob>(certificates, j => j.RunAsync(CancellationToken.None), new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
        // The reports read the day's statuses, after the sync and the scans.
        var reports = client.ContinueJobWith<ScheduledReportJob>(remind, j => j.RunAsync(CancellationToken.None), new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
        client.ContinueJobWith<MailDispatchJob>(reports, j => j.RunAsync(CancellationToken.None), new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
    }
}
