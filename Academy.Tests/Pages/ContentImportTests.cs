using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A site on a copy of the content folder, which the tests edit as a trainer would.</summary>
public sealed class EditableContentFactory() : AcademyFactory(CopyContent())
{
    public void Write(string relativePath, string text) => File.WriteAllText(Path.Combine(ContentPath, relativePath), text);

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(ContentPath, relativePath));

    public async Task<ImportResult> ImportAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportDirectoryAsync(ContentPath, CancellationToken.None);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(ContentPath, recursive: true); }
        catch (IOException) { }
    }

    internal static string CopyContent()
    {
        var target = Directory.CreateTempSubdirectory("academy-content-").FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryContent, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepositoryContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}

[Collection(HostCollection.Name)]
public sealed class ContentImportTests : IDisposable
{
    private readonly EditableContentFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Import_MakesNoVersion_WhenNothingChanged_AndTheNextVersion_WhenAFileChanged()
    {
        _ = _site.Services;
        Assert.Equal(0, (await _site.ImportAsync()).NewVersions);

        _site.Write("modules/refunds/module.md", _site.Read("modules/refunds/module.md").Replace("## ", "## Updated: ", StringComparison.Ordinal));
        var result = await _site.ImportAsync();

        Assert.Equal(1, result.NewVersions);
        Assert.Equal(2, _site.Services.GetRequiredService<ContentCatalog>().Current.Module("refunds")!.Version);
        var page = await (await _site.SignInAsync("newhire@academy.test")).GetDocumentAsync("/modules/refunds");
        Assert.StartsWith("Updated: ", page.QuerySelector("#lesson-title")!.TextContent);
    }

    [Fact]
    public async Task BrokenFile_KeepsItsLastGoodVersionOnline_AndContentHealthNamesFileLineAndFix()
    {
        var client = await _site.SignInAsync("admin@academy.test");
        var before = (await client.GetDocumentAsync("/modules/listen-first")).QuerySelector("h1")!.TextContent;
        var text = _site.Read("modules/listen-first/module.md");
        _site.Write("modules/listen-first/module.md", text.Replace("kind: behavioral", "kind: behavorial"));

        var result = await _site.ImportAsync();

        var problem = Assert.Single(result.Problems);
        Assert.Equal("modules/listen-first/module.md", problem.File);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.StartsWith("kind:")) + 1, problem.Line);
        Assert.Contains("behavioral", problem.Fix);
        Assert.Equal(before, (await client.GetDocumentAsync("/modules/listen-first")).QuerySelector("h1")!.TextContent);
        var health = await client.GetDocumentAsync("/admin/content-health");
        var row = health.QuerySelector("table.data tbody tr")!;
        Assert.Equal($"modules/listen-first/module.md:{problem.Line}", row.QuerySelector(".error-line")!.TextContent);
        Assert.Contains("version 1", row.TextContent);

        _site.Write("modules/listen-first/module.md", text);
        Assert.Empty((await _site.ImportAsync()).Problems);
        Assert.Contains("No problem", (await client.GetDocumentAsync("/admin/content-health")).QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task Lesson_RendersNoRawHtmlAndNoScriptLink_FromTheMarkdown()
    {
        _site.Write("modules/refunds/module.md", _site.Read("modules/refunds/module.md")
            + "\n\n## Safety\n\n<script>alert('x')</script>\n\n[click me](javascript:alert(1)) and <b>bold?</b>\n");
        await _site.ImportAsync();
        var module = _site.Services.GetRequiredService<ContentCatalog>().Current.Module("refunds")!.Default;

        var page = await (await _site.SignInAsync("newhire@academy.test")).GetDocumentAsync($"/modules/refunds/{module.Lessons.Count}");

        var lesson = page.QuerySelector("article.lesson")!;
        Assert.Empty(lesson.QuerySelectorAll("script, b"));
        Assert.Contains("<script>", lesson.TextContent);
        Assert.DoesNotContain(lesson.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Development_ReimportsAChangedFile_WhileTheSiteRuns()
    {
        var catalog = _site.Services.GetRequiredService<ContentCatalog>();
        var before = catalog.Current.Module("guest-preferences")!.Version;

        _site.Write("modules/guest-preferences/module.md", _site.Read("modules/guest-preferences/module.md") + "\nOne more sentence from the trainer.\n");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (catalog.Current.Module("guest-preferences")!.Version == before && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(before + 1, catalog.Current.Module("guest-preferences")!.Version);
    }

    [Fact]
    public async Task Versions_AreStoredWithTheirMarkdownAndRenderedDocument()
    {
        _ = _site.Services;
        using var scope = _site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();

        var version = await db.ContentVersions.Include(v => v.ContentFile).SingleAsync(v => v.ContentFile!.Path == "modules/refunds/module.md");

        Assert.Equal(1, version.Number);
        Assert.Equal(ContentImporter.Hash(_site.Read("modules/refunds/module.md")), version.Hash);
        Assert.Contains("<p>", version.DocumentJson);
        Assert.Equal(ContentOrigin.File, version.Origin);
    }
}
