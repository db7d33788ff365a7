namespace Academy.Web.Infrastructure;

public sealed class AcademyOptions
{
    public const string Section = "Academy";

    /// <summary>The trainers' Markdown; relative paths are taken from the solution folder, then the content root.</summary>
    public string ContentPath { get; set; } = "content";

    public DemoOptions Demo { get; set; } = new();

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

/// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed, besides
/// loopback (trusted by default, as ASP.NET Core does).</summary>
public sealed class ProxyOptions
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
