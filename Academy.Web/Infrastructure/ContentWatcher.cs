using Academy.Web.Data;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Academy.Web.Infrastructure;

/// <summary>In Development, re-imports <c>content/</c> when a Markdown file changes, so a trainer sees an edit
/// (or its error) on the next page load.</summary>
public sealed class ContentWatcher(IServiceScopeFactory scopes, IOptions<AcademyOptions> options, IHostEnvironment environment, ILogger<ContentWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var root = options.Value.ContentRoot(environment);
        if (!Directory.Exists(root)) return;
        using var files = new PhysicalFileProvider(root) { UsePollingFileWatcher = false };
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = new TaskCompletionSource();
            using (ChangeToken.OnChange(() => files.Watch("**/*.md"), () => changed.TrySetResult()))
            using (stoppingToken.Register(() => changed.TrySetCanceled()))
            {
                try { await changed.Task; }
                catch (TaskCanceledException) { return; }
            }
            // Editors save in several writes; wait for the burst to end.
            await Task.Delay(TimeSpan.FromMilliseconds(300), stoppingToken);
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportDirectoryAsync(root, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Re-importing content after a change failed");
            }
        }
    }
}
