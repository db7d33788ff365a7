using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Academy.Tests.Pages;

/// <summary>The site on a clock the test moves: every page and job reads <see cref="TimeProvider"/>.</summary>
public sealed class ClockFactory(string? folder = null, Dictionary<string, string>? settings = null) : AcademyFactory(null, folder)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? []) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>Runs a job as Hangfire would: resolved in a scope of its own.</summary>
    public async Task RunAsync<TJob>(Func<TJob, CancellationToken, Task> run) where TJob : notnull
    {
        using var scope = Services.CreateScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>(), CancellationToken.None);
    }

    public async Task RunAllJobsAsync()
    {
        await RunAsync<Academy.Web.Jobs.AssignmentSyncJob>((j, c) => j.RunAsync(c));
        await RunAsync<Academy.Web.Jobs.RefresherScanJob>((j, c) => j.RunAsync(c));
        await RunAsync<Academy.Web.Jobs.CertificateIssueJob>((j, c) => j.RunMissedAsync(c));
        await RunAsync<Academy.Web.Jobs.ReminderJob>((j, c) => j.RunAsync(c));
        await RunAsync<Academy.Web.Jobs.MailDispatchJob>((j, c) => j.RunAsync(c));
    }
}
