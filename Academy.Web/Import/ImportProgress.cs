using System.Collections.Concurrent;

namespace Academy.Web.Import;

/// <summary>How far a running import is. It lives in memory because the import writes in one transaction, which no
/// other connection can see into until it commits; the job runs in the process that enqueued it (Hangfire's in-memory
/// storage), which is the one serving HR's progress page on a single node. Elsewhere the page shows the stored status.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<int, (int Done, int Total)> _running = new();

    public void Report(int importId, int done, int total) => _running[importId] = (done, total);

    public void Finish(int importId) => _running.TryRemove(importId, out _);

    public (int Done, int Total)? Of(int importId) => _running.TryGetValue(importId, out var p) ? p : null;
}
