using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Academy.Tests.Pages;

/// <summary>Tests run no Hangfire server (<c>Academy:Jobs:Enabled=false</c>), so what a request enqueues waits in the
/// site's queue (in memory, or in PostgreSQL). This performs it as a worker would: fetch from the queue, resolve the job's class in a scope of
/// its own, call its method, remove it from the queue and mark it succeeded.</summary>
public static class EnqueuedJobs
{
    /// <summary>The jobs waiting in the queue, by type and method name, e.g. <c>CertificateIssueJob.RunForModuleAsync</c>.</summary>
    public static IReadOnlyList<string> EnqueuedJobNames(this AcademyFactory factory) =>
        factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs(EnqueuedState.DefaultQueue, 0, 1000)
            .Where(j => j.Value.InEnqueuedState)
            .Select(j => $"{j.Value.Job.Type.Name}.{j.Value.Job.Method.Name}")
            .ToList();

    /// <returns>How many jobs ran.</returns>
    public static async Task<int> RunEnqueuedJobsAsync(this AcademyFactory factory)
    {
        // Hangfire's log provider is process-wide, set by the last host made; PostgreSQL's storage asks it for a logger
        // on every fetch, so point it at this site's before a host of an earlier test, since disposed, is asked.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(factory.Services.GetRequiredService<ILoggerFactory>()));
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var client = factory.Services.GetRequiredService<IBackgroundJobClient>();
        using var connection = storage.GetConnection();
        var monitoring = storage.GetMonitoringApi();
        var ran = 0;
        // Asks whether the queue is empty rather than giving a fetch a short time: on a loaded machine PostgreSQL's
        // first fetch can take longer than any short wait, and a job left in the queue would fail the test later.
        while (monitoring.EnqueuedCount(EnqueuedState.DefaultQueue) > 0)
        {
            Hangfire.Storage.IFetchedJob fetched;
            using (var taken = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                // Only when a test sharing the site took the job in between does this wait run out.
                try { fetched = connection.FetchNextJob([EnqueuedState.DefaultQueue], taken.Token); }
                catch (OperationCanceledException) { return ran; }
            }
            using (fetched)
            {
                var job = connection.GetJobData(fetched.JobId)!.Job;
                using var scope = factory.Services.CreateScope();
                var target = scope.ServiceProvider.GetRequiredService(job.Type);
                var parameters = job.Method.GetParameters();
                var arguments = job.Args.Select((a, i) => parameters[i].ParameterType == typeof(CancellationToken) ? CancellationToken.None : a).ToArray();
                if (job.Method.Invoke(target, arguments) is Task task) await task;
                fetched.RemoveFromQueue();
                client.ChangeState(fetched.JobId, new SucceededState(null, 0, 0), EnqueuedState.StateName);
                ran++;
            }
        }
        return ran;
    }
}
