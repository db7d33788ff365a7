namespace Academy.Web.Infrastructure;

public sealed class AcademyOptions
{
    public const string Section = "Academy";

    /// <summary>The trainers' Markdown; relative paths are taken from the solution folder, then the content root.</summary>
    public string ContentPath { get; set; } = "content";

    public DemoOptions Demo { get; set; } = new();

    /// <summary>How often a node checks whether another node published or imported content, and then loads it.</summary>
    public TimeSpan ContentRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Printed on certificates as their issuer.</summary>
    public string OrganisationName { get; set; } = "Academy";

    /// <summary>The site's address as the public reaches it, without a trailing slash: certificates' QR codes and the
    /// links in mail point here.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    public VerificationOptions Verification { get; set; } = new();

    public ProxyOptions ForwardedHeaders { get; set; } = new();

    public JobsOptions Jobs { get; set; } = new();

    public MailOptions Mail { get; set; } = new();

    public ReportsOptions Reports { get; set; } = new();

    public string ContentRoot(IHostEnvironment environment)
    {
        if (Path.IsPathRooted(ContentPath)) return ContentPath;
        var beside = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", ContentPath));
        return Directory.Exists(beside) ? beside : Path.GetFullPath(Path.Combine(environment.ContentRootPath, ContentPath));
    }
}

public sealed class DemoOptions
{
    public string? Password { get; set; }

    /// <summary>Give the demo accounts a few weeks of history (answered quizzes, line-ups, ideas) when they are created.</summary>
    public bool History { get; set; }
}

public sealed class VerificationOptions
{
    /// <summary>Verification requests each client address may make per minute, so that codes cannot be enumerated.</summary>
    public int PermitsPerMinute { get; set; } = 30;
}

/// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed, besides
/// loopback (trusted by default, as ASP.NET Core does).</summary>
public sealed class ProxyOptions
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>The background jobs: whether this process runs them, and when (cron, UTC; six parts allowed for seconds).</summary>
public sealed class JobsOptions
{
    /// <summary>False runs no Hangfire server: the jobs stay registered and can still be run directly (the tests do).</summary>
    public bool Enabled { get; set; } = true;

    public string AssignmentSync { get; set; } = "*/15 * * * *";
    public string RefresherScan { get; set; } = "5 * * * *";
    public string Reminders { get; set; } = "0 7 * * *";
    public string MailDispatch { get; set; } = "*/2 * * * *";

    /// <summary>The missed-work scan of certificates: each is issued by a job queued on completion; this catches any lost.</summary>
    public string CertificateScan { get; set; } = "20 * * * *";

    /// <summary>The scheduled reports' job: each subscription sends once per week or month, at the first run on or after
    /// its day, so an hourly run is cheap and catches up after a stop.</summary>
    public string ScheduledReports { get; set; } = "30 * * * *";

    /// <summary>Counts again the employees whose rollup counts are stale: HR's rollups count live only what this left.</summary>
    public string TrainingCounts { get; set; } = "*/5 * * * *";

    /// <summary>Employees (or rows) a job loads and saves at a time, so its memory does not grow with the organisation.</summary>
    public int BatchSize { get; set; } = 500;
}

public sealed class MailOptions
{
    public string From { get; set; } = "Academy <academy@academy.test>";

    /// <summary>Where mail goes as .eml files when no SMTP server is configured; relative to the content root.</summary>
    public string PickupPath { get; set; } = "App_Data/mail-pickup";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>MailKit's SecureSocketOptions by name: Auto, None, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "Auto";
}

/// <summary>Scheduled reports: how large a file may travel as an attachment, and how long the link that replaces a larger
/// one works; how many stale employees the rollups count live.</summary>
public sealed class ReportsOptions
{
    public long AttachmentLimitBytes { get; set; } = 5 * 1024 * 1024;

    public int LinkLifetimeDays { get; set; } = 7;

    /// <summary>Beyond this many employees whose kept counts are stale, the rollups from kept counts show their last counts,
    /// dated, instead of counting them live within the page view.</summary>
    public int LiveCountLimit { get; set; } = 2000;
}
