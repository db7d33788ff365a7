using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Hangfire.States;

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

    /// <summary>Queues the import's job and notes its id in Hangfire's storage (shared by every node on PostgreSQL), so that
    /// <see cref="IsAlive"/> can ask for that one job instead of listing every job in progress.</summary>
    public void Enqueue(int importId)
    {
        var jobId = services.GetRequiredService<IBackgroundJobClient>().Enqueue<EmployeeImportJob>(j => j.RunAsync(importId, CancellationToken.None));
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        connection.SetRangeInHash(JobKey(importId), [new("job", jobId)]);
    }

    /// <summary>Whether a live process is applying the import: this one, or a job server, here or on another node sharing
    /// the queue, that has its latest job in hand and still beats. A file marked running that none has was left by a
    /// process that stopped (its transaction rolled back): HR may run it again. Asked on every view of the import list and
    /// of the progress page, so it reads the one job's state (and the servers only while it is being processed).</summary>
    public bool IsAlive(int importId)
    {
        if (_running.ContainsKey(importId)) return true;
        var storage = services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        if (connection.GetAllEntriesFromHash(JobKey(importId))?.GetValueOrDefault("job") is not { } jobId) return false;
        var state = connection.GetStateData(jobId);
        if (state is null || state.Name != ProcessingState.StateName || !state.Data.TryGetValue("ServerId", out var server)) return false;
        return storage.GetMonitoringApi().Servers().Any(s => s.Name == server && s.Heartbeat is { } beat && DateTime.UtcNow - beat < Silence);
    }

    private static string JobKey(int importId) => "academy:employee-import:" + importId.ToString(CultureInfo.InvariantCulture);
}
