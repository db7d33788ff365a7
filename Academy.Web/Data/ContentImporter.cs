using System.Security.Cryptography;
using System.Text;
using Academy.Domain.Content;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

public sealed record ImportResult(int Files, int NewVersions, IReadOnlyList<ContentError> Problems);

/// <summary>Imports <c>content/</c> into immutable, numbered versions. A file whose text is unchanged since its
/// last import makes no version; a file with errors keeps its last good version online and its errors are
/// listed on the Content health page.</summary>
public sealed class ContentImporter(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, ILogger<ContentImporter> logger)
{
    public async Task<ImportResult> ImportDirectoryAsync(string root, CancellationToken cancellationToken)
    {
        var sources = ReadSources(root);
        var parsed = ContentParser.ParseAll(sources);
        var texts = sources.ToDictionary(s => s.Path, s => s.Text);

        var files = await db.ContentFiles.ToDictionaryAsync(f => f.Path, cancellationToken);
        var latest = await db.ContentVersions.GroupBy(v => v.ContentFileId)
            .Select(g => new { g.Key, Number = g.Max(v => v.Number) })
            .ToDictionaryAsync(g => g.Key, g => g.Number, cancellationToken);
        var now = clock.GetUtcNow();
        var newVersions = 0;

        foreach (var result in parsed)
        {
            if (!files.TryGetValue(result.Path, out var file))
            {
                file = new ContentFile { Path = result.Path, Kind = result.Kind, DocumentId = result.DocumentId, Language = result.Language };
                db.ContentFiles.Add(file);
                files[result.Path] = file;
            }
            var text = texts[result.Path];
            var hash = Hash(text);
            if (!result.Ok || hash == file.LastFileHash) continue;

            var number = (file.Id != 0 ? latest.GetValueOrDefault(file.Id) : 0) + 1;
            file.Versions.Add(new ContentVersion
            {
                Number = number,
                Hash = hash,
                Markdown = text,
                DocumentJson = PublishedContent.Serialize(result.Document!),
                Origin = ContentOrigin.File,
                CreatedAt = now,
            });
            file.PublishedNumber = number;
            file.LastFileHash = hash;
            newVersions++;
        }

        var problems = parsed.SelectMany(p => p.Errors).ToList();
        await db.ContentProblems.ExecuteDeleteAsync(cancellationToken);
        db.ContentProblems.AddRange(problems.Select(p => new ContentProblem { Path = p.File, Line = p.Line, Message = p.Message, Fix = p.Fix, FoundAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        await catalog.ReloadAsync(db, cancellationToken);

        foreach (var problem in problems) logger.LogWarning("Content problem: {Problem}", problem.ToString());
        logger.LogInformation("Imported {Files} content files: {Versions} new versions, {Problems} problems", parsed.Count, newVersions, problems.Count);
        return new ImportResult(parsed.Count, newVersions, problems);
    }

    /// <summary>Every Markdown file under <paramref name="root"/>, with '/' paths relative to it.</summary>
    public static List<SourceFile> ReadSources(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
                .Select(path => new SourceFile(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))
                .OrderBy(s => s.Path, StringComparer.Ordinal)
                .ToList()
            : [];

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))));
}
