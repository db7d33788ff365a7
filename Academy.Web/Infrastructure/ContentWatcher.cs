using System.Threading.Channels;
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
    // One pending signal is enough: an import reads every file, so changes during a burst or an import collapse into one more.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private string _root = "";
    private PhysicalFileProvider? _files;
    private IDisposable? _watch;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The watch starts here, before the site serves, not in ExecuteAsync, which runs later on another thread:
        // an edit saved just after the start would otherwise go unseen.
        _root = options.Value.ContentRoot(environment);
        if (Directory.Exists(_root))
        {
            _files = new PhysicalFileProvider(_root) { UsePollingFileWatcher = false };
            _watch = ChangeToken.OnChange(() => _files.Watch("**/*.md"), () => _changes.Writer.TryWrite(true));
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_files is null) return;
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Editors save in several writes; wait for the burst to end.
                await Task.Delay(TimeSpan.FromMilliseconds(300), stoppingToken);
                _changes.Reader.TryRead(out _);
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportDirectoryAsync(_root, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Re-importing content after a change failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
        base.Dispose();
    }
}
