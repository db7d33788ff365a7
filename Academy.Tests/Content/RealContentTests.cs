using System.Runtime.CompilerServices;
using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>The training in the repository's <c>content/</c> folder, parsed as the import does.</summary>
public sealed class RealContentTests
{
    [Fact]
    public void RealContent_ParsesWithoutErrors_WhenReadFromTheRepository()
    {
        var root = ContentRoot();
        var sources = Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Select(path => new SourceFile(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .ToList();

        var files = ContentParser.ParseAll(sources);

        var errors = files.SelectMany(f => f.Errors).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} content errors in {root}:\n" + string.Join("\n", errors));
        var modules = files.Where(f => f is { Kind: ContentKind.Module, Language: ContentParser.DefaultLanguage }).ToList();
        Assert.True(modules.Count >= 6, $"Expected at least 6 modules, found {modules.Count}.");
        var standards = Assert.IsType<StandardsDocument>(Assert.Single(files, f => f is { Kind: ContentKind.Standards, Language: ContentParser.DefaultLanguage }).Document);
        Assert.True(standards.Standards.Count >= 8, $"Expected at least 8 standards, found {standards.Standards.Count}.");
        // French learners see every standard in French, in the same order.
        var french = Assert.IsType<StandardsDocument>(Assert.Single(files, f => f.Path == "standards.fr.md").Document);
        Assert.Equal(standards.Standards.Select(s => s.Id), french.Standards.Select(s => s.Id));
        Assert.DoesNotContain(files, f => f.Path == "README.md");
    }

    /// <summary><c>content/</c> beside Academy.sln, found from the test's output folder; from this source file's
    /// folder when the tests run from a build outside the repository.</summary>
    private static string ContentRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Academy.sln")))
                    return Path.Combine(folder.FullName, "content");
        }
        throw new InvalidOperationException($"No Academy.sln above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
