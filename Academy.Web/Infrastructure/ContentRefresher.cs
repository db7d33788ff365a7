using Academy.Web.Data;
using Microsoft.Extensions.Options;

namespace Academy.Web.Infrastructure;

/// <summary>Each node keeps the published content in memory (<see cref="ContentCatalog"/>); a trainer's publication
/// reloads it on the node that served the trainer at once, and on every other node within
/// <c>Academy:ContentRefreshInterval</c>, when this check finds the database's content newer than its own.</summary>
public sealed class ContentRefresher(IServiceScopeFactory scopes, ContentCatalog catalog, IOptions<AcademyOptions> options, ILogger<ContentRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time whatever the site's clock: a test's frozen clock must not stop the nodes from seeing each other.
        using var timer = new PeriodicTimer(options.Value.ContentRefreshInterval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (await catalog.RefreshIfChangedAsync(scope.ServiceProvider.GetRequiredService<AcademyDbContext>(), stoppingToken))
                    logger.LogInformation("Loaded the content another node published");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: the next tick tries again.
                logger.LogWarning(e, "Checking for content published by another node failed");
            }
        }
    }
}
