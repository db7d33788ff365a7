using System.Text.Json;
using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>A quiz in one language, with the content version that a new attempt is pinned to.</summary>
public sealed record PublishedQuizVersion(QuizDocument Document, int VersionId);

/// <summary>A quiz of a module, in every language it is published in.</summary>
public sealed record PublishedQuiz(PublishedQuizVersion Default, IReadOnlyDictionary<string, PublishedQuizVersion> Translations)
{
    public string Id => Default.Document.Id;

    public PublishedQuizVersion In(string language) => Translations.TryGetValue(language, out var translated) ? translated : Default;
}

/// <summary>A module as learners see it: the published default-language version, its translations and its quizzes.</summary>
public sealed record PublishedModule(ModuleDocument Default, int Version, IReadOnlyDictionary<string, ModuleDocument> Translations, IReadOnlyList<PublishedQuiz> Quizzes)
{
    public string Id => Default.Id;

    public IReadOnlyCollection<string> QuizIds { get; } = Quizzes.Select(q => q.Id).ToList();

    public PublishedQuiz? Quiz(string id) => Quizzes.FirstOrDefault(q => q.Id == id);

    /// <summary>The module in <paramref name="language"/>, or the default language when it is not translated.</summary>
    public ModuleDocument In(string language) =>
        Translations.TryGetValue(language, out var translated) ? translated : Default;

    public bool IsAvailableIn(string language) => language == Default.Language || Translations.ContainsKey(language);
}

/// <summary>An immutable snapshot of everything published, swapped whole after each import so that a page
/// reads content without a query and never sees half an import.</summary>
public sealed class PublishedContent
{
    public static readonly PublishedContent Empty = new([], new Dictionary<string, PublishedModule>(), [], 0);

    private PublishedContent(IReadOnlyList<Standard> standards, IReadOnlyDictionary<string, PublishedModule> modules,
        IReadOnlyList<ProgramDocument> programs, int problemCount, LineupDocument? lineup = null)
    {
        Lineup = lineup;
        Standards = standards;
        Modules = modules;
        Programs = programs;
        ProblemCount = problemCount;
        // Published files are files without errors, and a published standards.md defines at least one standard.
        Known = new KnownContent(
            standards.Count == 0 ? null : standards.Select(s => s.Id),
            modules.Values.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Default),
            modules.Values.SelectMany(m => m.QuizIds.Select(q => $"{m.Id}/{q}")));
    }

    public IReadOnlyList<Standard> Standards { get; }
    public IReadOnlyDictionary<string, PublishedModule> Modules { get; }
    public IReadOnlyList<ProgramDocument> Programs { get; }
    public int ProblemCount { get; }

    /// <summary>The line-up's rotation from <c>lineup.md</c>; <c>null</c> without one (every standard in order).</summary>
    public LineupDocument? Lineup { get; }

    /// <summary>What checking one file against everything published needs: built once per snapshot, so that the
    /// editor's check of a file costs the same whatever the size of the catalogue.</summary>
    public KnownContent Known { get; }

    public PublishedModule? Module(string id) => Modules.GetValueOrDefault(id);

    private const string DefaultLanguage = ContentParser.DefaultLanguage;

    // Stored, never embedded in a page: no need to escape HTML characters, and the JSON stays readable.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as stored: JSON that starts with its type (<see cref="ContentDocument.TypeProperty"/>).</summary>
    public static string Serialize(ContentDocument document) => JsonSerializer.Serialize(document, Json);

    /// <summary>Reads a stored document of a file of <paramref name="kind"/>. Versions stored before documents carried
    /// their type are read by <paramref name="kind"/> alone.</summary>
    /// <exception cref="InvalidDataException">The JSON holds a document of another kind than its file's.</exception>
    public static ContentDocument Deserialize(ContentKind kind, string json)
    {
        ContentDocument document = HasType(json) ? JsonSerializer.Deserialize<ContentDocument>(json, Json)! : kind switch
        {
            ContentKind.Standards => JsonSerializer.Deserialize<StandardsDocument>(json, Json)!,
            ContentKind.Module => JsonSerializer.Deserialize<ModuleDocument>(json, Json)!,
            ContentKind.Program => JsonSerializer.Deserialize<ProgramDocument>(json, Json)!,
            ContentKind.Quiz => JsonSerializer.Deserialize<QuizDocument>(json, Json)!,
            ContentKind.Lineup => JsonSerializer.Deserialize<LineupDocument>(json, Json)!,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of content."),
        };
        return document.ContentKind == kind
            ? document
            : throw new InvalidDataException($"A stored {kind} holds a {document.ContentKind} document.");
    }

    private static bool HasType(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(ContentDocument.TypeProperty);
    }

    public static async Task<PublishedContent> LoadAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (
            from v in db.PublishedVersions()
            orderby v.ContentFile!.Path
            select new { v.ContentFile!.Kind, v.ContentFile.Language, v.Id, v.Number, v.DocumentJson }).ToListAsync(cancellationToken);
        var problemCount = await db.ContentProblems.CountAsync(cancellationToken);

        var documents = rows.Select(r => (r.Language, VersionId: r.Id, r.Number, Document: Deserialize(r.Kind, r.DocumentJson))).ToList();
        var catalogues = documents.Select(d => d.Document).OfType<StandardsDocument>().ToList();
        var standardTranslations = catalogues.Where(c => c.Language != DefaultLanguage).ToList();
        // Each file keeps its own published version: a translation may still hold a standard that standards.md has
        // since dropped (it is then not shown), or lack one it has since added (shown in English).
        var standards = catalogues.FirstOrDefault(c => c.Language == DefaultLanguage)?.Standards
            .Select(s => s.WithTranslations(standardTranslations)).ToList() ?? [];
        var translations = documents.Where(d => d.Document is ModuleDocument && d.Language != DefaultLanguage)
            .Select(d => (ModuleDocument)d.Document)
            .ToLookup(m => m.Id);
        var quizzes = documents.Where(d => d.Document is QuizDocument)
            .Select(d => (Quiz: (QuizDocument)d.Document, d.Language, d.VersionId))
            .GroupBy(q => (q.Quiz.ModuleId, q.Quiz.Id))
            .Where(g => g.Any(q => q.Language == DefaultLanguage))
            .Select(g => new PublishedQuiz(
                g.Where(q => q.Language == DefaultLanguage).Select(q => new PublishedQuizVersion(q.Quiz, q.VersionId)).First(),
                g.Where(q => q.Language != DefaultLanguage).ToDictionary(q => q.Language, q => new PublishedQuizVersion(q.Quiz, q.VersionId))))
            .ToLookup(q => q.Default.Document.ModuleId);
        var modules = documents.Where(d => d.Document is ModuleDocument && d.Language == DefaultLanguage)
            .Select(d => (Module: (ModuleDocument)d.Document, d.Number))
            .Select(d => new PublishedModule(d.Module, d.Number, translations[d.Module.Id].ToDictionary(t => t.Language,
                    // Each file keeps its own published version, so the module's may be newer than its translation's.
                    t => t.WithMetadataOf(d.Module)),
                quizzes[d.Module.Id].ToList()))
            .ToDictionary(m => m.Id);
        var programs = documents.Select(d => d.Document).OfType<ProgramDocument>().OrderBy(p => p.Title).ToList();
        var lineup = documents.Select(d => d.Document).OfType<LineupDocument>().FirstOrDefault();
        return new PublishedContent(standards, modules, programs, problemCount, lineup);
    }
}

/// <summary>What changes whenever the published content does, read in one cheap query: every publication and every
/// import that changes a file adds a version (ids only grow), and an import replaces the problems.</summary>
public sealed record ContentStamp(int LastVersionId, int ProblemCount)
{
    public static async Task<ContentStamp> ReadAsync(AcademyDbContext db, CancellationToken cancellationToken) =>
        new(await db.ContentVersions.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0, await db.ContentProblems.CountAsync(cancellationToken));
}

/// <summary>Holds the current <see cref="PublishedContent"/>. Readers take <see cref="Current"/> once per request.</summary>
public sealed class ContentCatalog
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, QuizDocument> _quizVersions = new();
    private PublishedContent _current = PublishedContent.Empty;
    private ContentStamp? _stamp;

    public PublishedContent Current => Volatile.Read(ref _current);

    /// <summary>True once the first import has loaded; <c>/healthz</c> waits for it.</summary>
    public bool IsLoaded { get; private set; }

    public async Task ReloadAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        // Read before the content: a publication between the two reads makes the stamp older than the snapshot, so
        // the next check loads again rather than missing it.
        var stamp = await ContentStamp.ReadAsync(db, cancellationToken);
        Volatile.Write(ref _current, await PublishedContent.LoadAsync(db, cancellationToken));
        Volatile.Write(ref _stamp, stamp);
        IsLoaded = true;
    }

    /// <summary>Loads the content again when another node of the site has published or imported since this one last
    /// loaded it. Returns true when it did.</summary>
    public async Task<bool> RefreshIfChangedAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        if (!IsLoaded || await ContentStamp.ReadAsync(db, cancellationToken) == Volatile.Read(ref _stamp)) return false;
        await ReloadAsync(db, cancellationToken);
        return true;
    }

    /// <summary>The quiz of one content version, published or not: attempts keep the version they started on.
    /// Versions never change, so each is read from the database once.</summary>
    public async Task<QuizDocument> QuizVersionAsync(AcademyDbContext db, int versionId, CancellationToken cancellationToken)
    {
        if (_quizVersions.TryGetValue(versionId, out var cached)) return cached;
        var json = await db.ContentVersions.Where(v => v.Id == versionId).Select(v => v.DocumentJson).SingleAsync(cancellationToken);
        return _quizVersions[versionId] = (QuizDocument)PublishedContent.Deserialize(ContentKind.Quiz, json);
    }
}
