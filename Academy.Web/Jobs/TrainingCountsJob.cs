using Academy.Web.Data;
using Academy.Web.Pages.Reports;
using Hangfire;

namespace Academy.Web.Jobs;

/// <summary>Counts again the employees whose kept training counts are stale (changed, past midnight or an expiry, a new
/// catalog): every few minutes, so that HR's rollups read fresh rows; after midnight that is everyone.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class TrainingCountsJob(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, ILogger<TrainingCountsJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var counted = await new TrainingCounts(db, catalog.Current, clock.GetUtcNow()).RefreshStaleAsync(cancellationToken);
        if (counted > 0) logger.LogInformation("Training counts: {Employees} employees counted again", counted);
    }
}
