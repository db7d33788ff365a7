namespace Academy.Web.Infrastructure;

public sealed class AcademyOptions
{
    public const string Section = "Academy";

    /// <summary>The trainers' Markdown; relative paths are taken from the solution folder, then the content root.</summary>
    public string ContentPath { get; set; } = "content";

    public DemoOptions Demo { get; set; } = new();

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
