using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Academy.Tests.Nodes;

/// <summary>The built site (<c>Academy.Web.dll</c>) started as an OS process of its own, as production runs a node:
/// Production, demo accounts, on a loopback port that Kestrel picks and the process prints.</summary>
public sealed partial class SiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private SiteProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public int Pid => _process.Id;

    /// <summary>What the process wrote so far, for a failure message.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Academy.Web.dll of the same build configuration as these tests (built with the solution).</summary>
    public static string SiteDll
    {
        get
        {
            // .../Academy.Tests/bin/Debug/net10.0/ -> .../Academy.Web/bin/Debug/net10.0/Academy.Web.dll
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(Pages.AcademyFactory.RepositoryRoot, "Academy.Web", "bin", tests.Parent!.Name, tests.Name, "Academy.Web.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the whole solution (dotnet build Academy.sln) before these tests.");
        }
    }

    public static async Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [SiteDll])
        {
            WorkingDirectory = Path.GetDirectoryName(SiteDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test run's own variables (the Postgres one, a developer's environment) must not reach the node.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Academy__", StringComparison.Ordinal)
            || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k == Pages.TestDatabase.Variable).ToList())
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Port 0: Kestrel picks a free one and prints it at Information level, which we read.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var site = new SiteProcess(Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (site._output) site._output.AppendLine(e.Data);
            if (ListeningPattern().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        site._process.OutputDataReceived += Read;
        site._process.ErrorDataReceived += Read;
        site._process.BeginOutputReadLine();
        site._process.BeginErrorReadLine();
        try
        {
            // Generous: the site migrates and imports content/ before it listens, on a machine that may be shared with
            // builds (a start took over 3 minutes at load average 90).
            using var timeout = new CancellationTokenSource(StartTimeout);
            var exited = site._process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(listening.Task, exited) != listening.Task)
                throw new InvalidOperationException((site._process.HasExited ? $"The site stopped (exit code {site._process.ExitCode})" : $"The site did not listen within {StartTimeout.TotalMinutes} minutes")
                    + $" (load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown")}):\n{site.Output}");
            site.Address = await listening.Task;
            await site.WaitUntilReadyAsync(timeout.Token);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Until <c>/healthz/ready</c> answers 200: migrations applied, content loaded, job server beating.</summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The site stopped:\n{Output}");
            try
            {
                if ((await http.GetAsync("/healthz/ready", cancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{Address}healthz/ready did not answer 200 within {StartTimeout.TotalMinutes} minutes:\n{Output}");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningPattern();
}
