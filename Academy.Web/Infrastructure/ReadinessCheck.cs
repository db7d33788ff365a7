using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Academy.Web.Infrastructure;

/// <summary>Ready when the database answers and the content has been imported once.</summary>
public sealed class ReadinessCheck(AcademyDbContext db, ContentCatalog catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("The database does not answer.");
        return catalog.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The content is not imported yet.");
    }
}
