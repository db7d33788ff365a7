using System.Security.Cryptography;
using System.Text;
using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <param name="Skipped">True when another node held the import for longer than this one waits: it imported, and this
/// node only loaded what it published.</param>
public sealed record ImportResult(int Files, int NewVersions, IReadOnlyList<ContentError> Problems, bool Skipped = false);

/// <summary>Turns content into immutable, numbered versions, from <c>content/</c> or from the browser editor.
/// A file whose text is unchanged since its last import makes no version; a file with errors keeps its last good
/// version online and its errors are listed on the Content health page. The newest version wins whatever its
/// origin: a browser publication stays until the file on disk really changes.</summary>
public sealed class ContentImporter(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, NodeIdentity node, ILogger<ContentImporter> logger)
{
    /// <summary>How long a node may hold the import: far longer than an import takes, short enough that the others go
    /// on without it if it dies holding it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Imports <c>content/</c>, one node at a time: several nodes starting together would otherwise each number
    /// the same new versions. A node that finds the import held waits for it (then finds nothing left to import, and
    /// loads what the other published); after a whole lease duration it takes over the lease of a node that died.</summary>
    public async Task<ImportResult> ImportDirectoryAsync(string root, CancellationToken cancellationToken)
    {
        // The system clock, not the site's: a lease's expiry is real time between processes, whatever clock a test sets.
        var deadline = TimeProvider.System.GetUtcNow() + LeaseDuration + LeasePoll * 4;
        while (!await Lease.TryTakeAsync(db, Lease.ContentImport, node.Name, LeaseDuration, TimeProvider.System.GetUtcNow(), cancellationToken))
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                logger.LogWarning("Another node has held the content import for longer than {Duration}: this node loads the published content without importing", LeaseDuration);
                await catalog.ReloadAsync(db, cancellationToken);
                return new ImportResult(0, 0, [], Skipped: true);
            }
            await Task.Delay(LeasePoll, cancellationToken);
        }
        ImportResult result;
        try
        {
            result = await ImportHoldingLeaseAsync(root, cancellationToken);
        }
        catch
        {
            await Lease.ReleaseAsync(db, Lease.ContentImport, node.Name, TimeProvider.System.GetUtcNow(), completed: false, CancellationToken.None);
            throw;
        }
        await Lease.ReleaseAsync(db, Lease.ContentImport, node.Name, TimeProvider.System.GetUtcNow(), completed: true, CancellationToken.None);
        return result;
    }

    private async Task<ImportResult> ImportHoldingLeaseAsync(string root, CancellationToken cancellationToken)
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
        List<QuizDocument> newQuizzes = [];

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

            AddVersion(file, (file.Id != 0 ? latest.GetValueOrDefault(file.Id) : 0) + 1, text, result.Document!, ContentOrigin.File, null, now);
            file.LastFileHash = hash;
            newVersions++;
            if (result.Document is QuizDocument quiz) newQuizzes.Add(quiz);
        }

        var problems = parsed.SelectMany(p => p.Errors).ToList();
        // Replaced in the same SaveChanges as the versions: a failed import leaves the last import's problems listed.
        db.ContentProblems.RemoveRange(await db.ContentProblems.ToListAsync(cancellationToken));
        db.ContentProblems.AddRange(problems.Select(p => new ContentProblem { Path = p.File, Line = p.Line, Message = p.Message, Fix = p.Fix, FoundAt = now }));
        await SaveFollowingReviewItemsAsync(newQuizzes, now, cancellationToken);
        await catalog.ReloadAsync(db, cancellationToken);

        foreach (var problem in problems) logger.LogWarning("Content problem: {Problem}", problem.ToString());
        logger.LogInformation("Imported {Files} content files: {Versions} new versions, {Problems} problems", parsed.Count, newVersions, problems.Count);
        return new ImportResult(parsed.Count, newVersions, problems);
    }

    /// <summary>Parses <paramref name="text"/> as the file at <paramref name="path"/>, checked against everything
    /// published now: what publishing it would say, without publishing.</summary>
    /// <remarks>The other files are known from the published snapshot (<see cref="PublishedContent.Known"/>), the one
    /// that pages read and that every import and publication reloads, rather than by parsing every published file
    /// again at each keystroke of the live preview: the check parses one file, whatever the size of the catalogue.
    /// A program is also told which of its unknown modules are drafts, so that its trainer knows to publish them first.</remarks>
    public async Task<ParsedFile> CheckAsync(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var known = catalog.Current.Known;
        if (ContentPath.Of(path)?.Kind == ContentKind.Program) known = known.WithModuleDrafts(await ModuleDraftIdsAsync(db, cancellationToken));
        return ContentParser.Parse(new SourceFile(path, text), known);
    }

    /// <summary>The ids of modules with a draft of their default-language file, published or not.</summary>
    public static async Task<HashSet<string>> ModuleDraftIdsAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        var paths = await db.ContentDrafts.Where(d => d.Path.StartsWith("modules/") && d.Path.EndsWith("/module.md"))
            .Select(d => d.Path).ToListAsync(cancellationToken);
        return paths.Select(ContentPath.Of).OfType<ContentPath>().Where(p => p.Kind == ContentKind.Module && !p.IsTranslation)
            .Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Publishes text written in the browser as the next version of its file, visible at once.
    /// Returns the parse result; nothing is published when it has errors.</summary>
    public async Task<(ParsedFile Result, int? Number)> PublishAsync(string path, string text, string author, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(path, text, cancellationToken);
        return (result, result.Ok ? await PublishAsync(result, text, author, cancellationToken) : null);
    }

    /// <summary>Publishes <paramref name="text"/>, which <see cref="CheckAsync"/> found without error, as the next
    /// version of its file, visible at once. The version is committed in one SaveChanges with whatever the caller's
    /// request staged on the same context (the editor stages the removal of the draft it publishes), so that both
    /// happen or neither does. Returns the version's number.</summary>
    /// <exception cref="ArgumentException"><paramref name="checkedText"/> has errors.</exception>
    public async Task<int> PublishAsync(ParsedFile checkedText, string text, string author, CancellationToken cancellationToken)
    {
        if (!checkedText.Ok) throw new ArgumentException("Only a text without errors is published.", nameof(checkedText));
        var path = checkedText.Path;
        var file = await db.ContentFiles.SingleOrDefaultAsync(f => f.Path == path, cancellationToken);
        if (file is null)
        {
            file = new ContentFile { Path = path, Kind = checkedText.Kind, DocumentId = checkedText.DocumentId, Language = checkedText.Language };
            db.ContentFiles.Add(file);
        }
        var number = file.Id == 0 ? 1 : await db.ContentVersions.Where(v => v.ContentFileId == file.Id).MaxAsync(v => v.Number, cancellationToken) + 1;
        var now = clock.GetUtcNow();
        AddVersion(file, number, text, checkedText.Document!, ContentOrigin.Browser, author, now);
        await SaveFollowingReviewItemsAsync(checkedText.Document is QuizDocument quiz ? [quiz] : [], now, cancellationToken);
        await catalog.ReloadAsync(db, cancellationToken);
        logger.LogInformation("{Author} published {Path} version {Number}", author, path, number);
        return number;
    }

    /// <summary>Saves the staged versions and, in the same transaction, makes learners' review items follow the quizzes
    /// among them: a version is never published with items that still ask its previous text.</summary>
    private async Task SaveFollowingReviewItemsAsync(IReadOnlyList<QuizDocument> quizzes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (quizzes.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var quiz in quizzes) await ReviewItems.FollowAsync(db, quiz, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void AddVersion(ContentFile file, int number, string text, ContentDocument document, ContentOrigin origin, string? author, DateTimeOffset now)
    {
        file.Versions.Add(new ContentVersion
        {
            Number = number,
            Hash = Hash(text),
            Markdown = text,
            DocumentJson = PublishedContent.Serialize(document),
            Origin = origin,
            Author = author,
            CreatedAt = now,
        });
        file.PublishedNumber = number;
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
