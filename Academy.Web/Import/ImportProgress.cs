using System.Collections.Concurrent;
using Hangfire;

namespace Academy.Web.Import;

/// <summary>How far a running import is. It lives in memory because the import writes in one transaction, which no
/// other connection can see into until it commits; the job runs in the process that enqueued it (Hangfire's in-memory
/// storage), which is the one serving HR's progress page on a single node. Elsewhere the page shows the stored status.</summary>
public sealed class ImportProgress(IServiceProvider services)
{
    /// <summary>Hangfire's servers beat every 30 s; one silent for longer than this has stopped, and its jobs with it.
    /// Heartbeats are wall-clock times, so they are compared with the system clock, not the site's.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<int, (int Done, int Total)> _running = new();

    public void Report(int importId, int done, int total) => _running[importId] = (done, total);

    public void Finish(int importId) => _running.TryRemove(importId, out _);

    public (int Done, int Total)? Of(int importId) => _running.TryGetValue(importId, out var p) ? p : null;

    /// <summary>Whether a live process is applying the import: this one, or a job server, here or on another node sharing
    /// the queue, that has its job in hand and still beats. A file marked running that none has was left by a process that
    /// stopped (its transaction rolled back): HR may run it again.</summary>
    public bool IsAlive(int importId)
    {
        if (_running.ContainsKey(importId)) return true;
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var beating = monitoring.Servers().Where(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < Silence).Select(s => s.Name).ToHashSet();
        return monitoring.ProcessingJobs(0, 1000).Any(j => j.Value is { Job: { } job, ServerId: { } server }
            && job.Type == typeof(EmployeeImportJob) && job.Args.Count > 0 && job.Args[0] is int id && id == importId && beating.Contains(server));
    }
}
