using Academy.Web.Data;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Academy.Web.Infrastructure;

/// <summary>Ready when the content has been imported (or loaded from another node's import) once.</summary>
public sealed class ReadinessCheck(ContentCatalog catalog) : IHealthCheck
{
    /// <summary>The checks <c>/healthz/ready</c> runs; <c>/healthz/live</c> runs none.</summary>
    public const string Tag = "ready";

    public static readonly HealthCheckOptions Options = new() { Predicate = check => check.Tags.Contains(Tag) };

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The content is not imported yet."));
}

/// <summary>Ready when the database answers and has every migration this build knows: a node of a newer build started
/// against an older database (or the reverse) says so instead of failing on its first query.</summary>
public sealed class DatabaseReadyCheck(AcademyDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("The database does not answer.");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", pending)}.");
    }
}

/// <summary>When this node runs jobs (<c>Academy:Jobs:Enabled</c>), ready once its Hangfire server has reported to the
/// storage and is still beating; a node that runs none passes.</summary>
public sealed class JobServerCheck(IOptions<AcademyOptions> options, NodeIdentity node, IServiceProvider services) : IHealthCheck
{
    /// <summary>Hangfire's servers beat every 30 s by default; a server silent for longer than this has stopped.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Jobs.Enabled) return Task.FromResult(HealthCheckResult.Healthy("This node runs no jobs."));
        var servers = services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        var mine = servers.FirstOrDefault(s => s.Name.StartsWith(node.Name + ":", StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(mine switch
        {
            null => HealthCheckResult.Unhealthy("The job server of this node is not running."),
            { Heartbeat: { } beat } when TimeProvider.System.GetUtcNow().UtcDateTime - beat > Silence => HealthCheckResult.Unhealthy("The job server of this node has stopped beating."),
            _ => HealthCheckResult.Healthy(),
        });
    }
}
