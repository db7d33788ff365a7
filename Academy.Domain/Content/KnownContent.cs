namespace Academy.Domain.Content;

/// <summary>What checking one file against the others needs to know of them (see
/// <see cref="ContentParser.Parse(SourceFile, KnownContent)"/>): the ids of the standards, modules and quizzes, and the
/// default-language module of each translation, for its lessons and metadata. Immutable; built once per set of files
/// (the site builds one per published snapshot), then each check is independent of how many files there are.</summary>
public sealed class KnownContent
{
    /// <summary>Nothing known: no standards.md, no module, no quiz.</summary>
    public static readonly KnownContent None = new(null, [], []);

    /// <param name="standardIds">The ids that standards.md defines; <c>null</c> when there is no standards.md.</param>
    /// <param name="modules">The default-language modules (translations are not needed). Their order is the order of
    /// "did you mean" suggestions.</param>
    /// <param name="quizIds">The default-language quizzes, as <c>moduleId/quizId</c> (a <see cref="ParsedFile.DocumentId"/>).</param>
    public KnownContent(IEnumerable<string>? standardIds, IEnumerable<ModuleDocument> modules, IEnumerable<string> quizIds)
    {
        var byId = new Dictionary<string, ContentParser.ModuleFacts>(StringComparer.Ordinal);
        foreach (var module in modules)
            byId[module.Id] = new ContentParser.ModuleFacts(module.Lessons.Select(l => l.Title).ToList(), module);
        Neighbours = new ContentParser.Neighbours(
            standardIds?.ToHashSet(StringComparer.Ordinal) ?? [], standardIds is not null, byId, quizIds.ToHashSet(StringComparer.Ordinal));
    }

    private KnownContent(ContentParser.Neighbours neighbours) => Neighbours = neighbours;

    /// <summary>This knowledge, plus modules that exist only as unpublished drafts (ids of default-language modules).
    /// They stay unknown to every check, so a program that lists one is still refused, but it is told to publish the
    /// module first rather than that no module has this id.</summary>
    public KnownContent WithModuleDrafts(IEnumerable<string> moduleIds) =>
        new(Neighbours with { DraftModules = moduleIds.Where(id => !Neighbours.Modules.ContainsKey(id)).ToHashSet(StringComparer.Ordinal) });

    /// <summary>What the documents of <paramref name="files"/> say: the files published after a <see cref="ContentParser.ParseAll"/>
    /// are those without error.</summary>
    public static KnownContent Of(IEnumerable<ParsedFile> files)
    {
        var documents = files.Where(f => f.Ok).ToList();
        return new KnownContent(
            documents.Select(f => f.Document).OfType<StandardsDocument>().FirstOrDefault(d => d.Language == ContentParser.DefaultLanguage)?.Standards.Select(s => s.Id),
            documents.Where(f => f.Language == ContentParser.DefaultLanguage).Select(f => f.Document).OfType<ModuleDocument>(),
            documents.Where(f => f.Kind == ContentKind.Quiz && f.Language == ContentParser.DefaultLanguage).Select(f => f.DocumentId));
    }

    internal ContentParser.Neighbours Neighbours { get; }
}
