using System.Text.Json;
using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>A module as learners see it: the published default-language version and its translations.</summary>
public sealed record PublishedModule(ModuleDocument Default, int Version, IReadOnlyDictionary<string, ModuleDocument> Translations)
{
    public string Id => Default.Id;

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
        IReadOnlyList<ProgramDocument> programs, int problemCount)
    {
        Standards = standards;
        Modules = modules;
        Programs = programs;
        ProblemCount = problemCount;
    }

    public IReadOnlyList<Standard> Standards { get; }
    public IReadOnlyDictionary<string, PublishedModule> Modules { get; }
    public IReadOnlyList<ProgramDocument> Programs { get; }
    public int ProblemCount { get; }

    public PublishedModule? Module(string id) => Modules.GetValueOrDefault(id);

    // Stored, never embedded in a page: no need to escape HTML characters, and the JSON stays readable.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(object document) => JsonSerializer.Serialize(document, document.GetType(), Json);

    public static object Deserialize(ContentKind kind, string json) => kind switch
    {
        ContentKind.Standards => JsonSerializer.Deserialize<StandardsDocument>(json, Json)!,
        ContentKind.Module => JsonSerializer.Deserialize<ModuleDocument>(json, Json)!,
        ContentKind.Program => JsonSerializer.Deserialize<ProgramDocument>(json, Json)!,
        _ => JsonSerializer.Deserialize<QuizDocument>(json, Json)!,
    };

    public static async Task<PublishedContent> LoadAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (
            from f in db.ContentFiles.AsNoTracking()
            join v in db.ContentVersions.AsNoTracking() on new { Id = f.Id, Number = f.PublishedNumber ?? 0 } equals new { Id = v.ContentFileId, v.Number }
            select new { f.Kind, f.Language, v.Number, v.DocumentJson }).ToListAsync(cancellationToken);
        var problemCount = await db.ContentProblems.CountAsync(cancellationToken);

        var documents = rows.Select(r => (r.Kind, r.Language, r.Number, Document: Deserialize(r.Kind, r.DocumentJson))).ToList();
        var standards = documents.Select(d => d.Document).OfType<StandardsDocument>().FirstOrDefault()?.Standards ?? [];
        var translations = documents.Where(d => d.Document is ModuleDocument && d.Language != "en")
            .Select(d => (ModuleDocument)d.Document)
            .ToLookup(m => m.Id);
        var modules = documents.Where(d => d.Document is ModuleDocument && d.Language == "en")
            .Select(d => (Module: (ModuleDocument)d.Document, d.Number))
            .Select(d => new PublishedModule(d.Module, d.Number, translations[d.Module.Id].ToDictionary(t => t.Language,
                // The default-language file owns the metadata; a translation owns only its words.
                t => t with { Kind = d.Module.Kind, Standards = d.Module.Standards, Minutes = d.Module.Minutes, Refresher = d.Module.Refresher, Audience = d.Module.Audience })))
            .ToDictionary(m => m.Id);
        var programs = documents.Select(d => d.Document).OfType<ProgramDocument>().OrderBy(p => p.Title).ToList();
        return new PublishedContent(standards, modules, programs, problemCount);
    }
}

/// <summary>Holds the current <see cref="PublishedContent"/>. Readers take <see cref="Current"/> once per request.</summary>
public sealed class ContentCatalog
{
    private PublishedContent _current = PublishedContent.Empty;

    public PublishedContent Current => Volatile.Read(ref _current);

    /// <summary>True once the first import has loaded; <c>/healthz</c> waits for it.</summary>
    public bool IsLoaded { get; private set; }

    public async Task ReloadAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _current, await PublishedContent.LoadAsync(db, cancellationToken));
        IsLoaded = true;
    }
}
