namespace Academy.Web.Infrastructure;

public sealed class AcademyOptions
{
    public const string Section = "Academy";

    /// <summary>The trainers' Markdown; relative paths are taken from the solution folder, then the content root.</summary>
    public string ContentPath { get; set; } = "content";

    public DemoOptions Demo { get; set; } = new();

    /// <summary>Printed on certificates as their issuer.</summary>
    public string OrganisationName { get; set; } = "Academy";

    /// <summary>The site's address as the public reaches it, without a trailing slash: certificates' QR codes point here.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    public VerificationOptions Verification { get; set; } = new();

    public ProxyOptions ForwardedHeaders { get; set; } = new();

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
