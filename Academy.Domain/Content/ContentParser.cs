namespace Academy.Domain.Content;

public enum ContentKind { Standards, Module, Quiz, Program, Lineup }

/// <summary>A module id in a program's list, at the line where it is written.</summary>
public sealed record ListedModule(string Id, int Line);

/// <summary>The outcome of parsing one file: its document when it has no error.</summary>
/// <param name="DocumentId">Module id, program id, <c>moduleId/quizId</c> for a quiz, <c>standards</c> for the catalogue.</param>
/// <param name="Document">The document, of the type that <paramref name="Kind"/> names; <c>null</c> when <see cref="Errors"/> is not empty.</param>
public sealed record ParsedFile(string Path, ContentKind Kind, string DocumentId, string Language, ContentDocument? Document, IReadOnlyList<ContentError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Reads the trainers' Markdown, laid out as in <c>content/README.md</c>, into documents. Pure and
/// thread-safe: text in, documents or errors out, no file IO. Every error names the file and line where a
/// trainer fixes it, and the fix in words a trainer understands.</summary>
public static partial class ContentParser
{
    /// <summary>The language of <c>module.md</c> and <c>x.quiz.md</c>; other languages are translations.</summary>
    public const string DefaultLanguage = ContentPath.DefaultLanguage;

    private const string Layout = "Content files are standards.md (standards.fr.md for its French translation), lineup.md, programs/<id>.md, "
        + "modules/<id>/module.md (module.fr.md for its French translation) and modules/<id>/<name>.quiz.md; pictures go in a module's media/ folder.";

    /// <summary>Parses one file on its own. Checks that need other files (a standard or module that must exist, a
    /// translation's lesson count) are made by <see cref="ParseAll"/> and by <see cref="Parse(SourceFile, KnownContent)"/>
    /// only; so is copying a translation's kind, standards, minutes, refresher and audience from its default-language
    /// module, which on its own a translation does not know (its <see cref="ModuleDocument.Kind"/> is then its own
    /// <c>kind</c>, or <see cref="ModuleKind.Behavioral"/> without one).</summary>
    /// <remarks>A path outside the layout, including <c>README.md</c> and files under <c>media/</c>, comes back
    /// with a "not a content file" error and the <see cref="ContentKind"/> its folder suggests. No text makes it throw:
    /// whatever goes wrong while reading a file is an error of that file.</remarks>
    public static ParsedFile Parse(SourceFile file) => Read(file).File;

    /// <summary>Parses one file and checks it against the other files as <see cref="ParseAll"/> would, knowing of
    /// them only their ids and what a translation needs from its module. The result is the one <see cref="ParseAll"/>
    /// gives this file among files whose documents are <paramref name="known"/>: the editor's check of one file
    /// against everything published, without parsing everything published again.</summary>
    public static ParsedFile Parse(SourceFile file, KnownContent known) => Checked(Read(file), known.Neighbours);

    /// <summary>The module ids that a program file lists, in order, with their lines, read even when the file has other
    /// errors: the editor's preview shows each with its status as the trainer types. Items that are not ids, or that
    /// repeat an earlier one, are left out (each is an error of its own); empty for a file that is not a program or
    /// whose front matter cannot be read.</summary>
    public static IReadOnlyList<ListedModule> ListedModules(SourceFile file) =>
        Read(file) is { Location.Kind: ContentKind.Program } reading ? reading.References.Select(r => new ListedModule(r.Text, r.Line)).ToList() : [];

    /// <summary>Whether <see cref="ParseAll"/> reads <paramref name="path"/> as content: everything but the trainers'
    /// guide (<c>README.md</c> at the root) and files under a <c>media/</c> folder.</summary>
    public static bool IsContent(string path) => !ContentPath.IsIgnored(path);

    /// <summary>Parses every content file (skipping those that <see cref="IsContent"/> rejects), then checks the
    /// files against each other: modules name existing standards, programs existing modules, translations and
    /// quizzes have their module, translations have as many lessons as the default language, and ids are unique.
    /// A cross-file error goes to the file where it must be fixed, whose document is then withdrawn
    /// (<see cref="ParsedFile.Document"/> is <c>null</c>) so that it is not published.</summary>
    /// <returns>One result per content file, in the order given. A file that cannot be read at all has its error like
    /// any other; the others are read and checked as usual.</returns>
    /// <remarks>Linear in the number of files; only an error's "did you mean" looks through all the ids.</remarks>
    public static IReadOnlyList<ParsedFile> ParseAll(IEnumerable<SourceFile> files)
    {
        var readings = files.Where(f => IsContent(f.Path)).Select(Read).ToList();
        var results = readings.Select(r => r.File).ToArray();
        var duplicates = new List<ContentError>?[readings.Count];

        // Index by id. Ids come from paths, so a module is known even when its own text has errors: a program
        // that lists it is not at fault.
        int? catalogue = null;
        var modules = new Dictionary<string, ModuleFacts>(StringComparer.Ordinal);
        var quizzes = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<(ContentKind, string, string), int>();
        for (var i = 0; i < readings.Count; i++)
        {
            if (readings[i].Location is not { } location) continue;
            var file = results[i];
            if (!owners.TryAdd((file.Kind, file.DocumentId, file.Language), i))
            {
                var first = results[owners[(file.Kind, file.DocumentId, file.Language)]].Path;
                duplicates[i] = [new ContentError(file.Path, 1, $"'{file.DocumentId}' is already the id of {first}.",
                    "Give each module and program its own id: it is the name of the module's folder or of the program's file.")];
                continue;
            }
            switch (location.Kind)
            {
                case ContentKind.Standards when !location.IsTranslation:
                    catalogue = i;
                    break;
                case ContentKind.Module when !location.IsTranslation:
                    modules[location.Id] = new ModuleFacts(readings[i].Lessons?.Select(l => l.Text).ToList(), file.Document as ModuleDocument);
                    break;
                case ContentKind.Quiz when !location.IsTranslation:
                    quizzes.Add(file.DocumentId);
                    break;
            }
        }

        // Without standards.md every standard is unknown; with a standards.md whose front matter cannot be read,
        // its ids are unknown and modules are not blamed for it.
        var neighbours = new Neighbours(
            catalogue is { } c ? readings[c].Declared?.Select(d => d.Text).ToHashSet(StringComparer.Ordinal) : [],
            catalogue is not null, modules, quizzes);
        for (var i = 0; i < readings.Count; i++) results[i] = Checked(readings[i], neighbours, duplicates[i]);
        return results;
    }

    /// <summary>What the cross-file checks of one file know of the others.</summary>
    /// <param name="Standards">The ids of standards.md; <c>null</c> when standards.md exists but cannot be read.</param>
    /// <param name="Modules">Default-language modules by id, in the order given (for "did you mean").</param>
    /// <param name="Quizzes">Default-language quizzes, as <c>moduleId/quizId</c>.</param>
    /// <param name="DraftModules">Modules that exist only as a browser draft: a program that lists one is told to wait
    /// for its publication rather than that the id is unknown.</param>
    internal sealed record Neighbours(IReadOnlySet<string>? Standards, bool CatalogueExists,
        IReadOnlyDictionary<string, ModuleFacts> Modules, IReadOnlySet<string> Quizzes)
    {
        public IReadOnlySet<string> DraftModules { get; init; } = new HashSet<string>();
    }

    /// <summary>What a translation needs from its module: its lesson titles (<c>null</c> when its body cannot be read)
    /// and its metadata (<c>null</c> when it has errors).</summary>
    internal sealed record ModuleFacts(IReadOnlyList<string>? LessonTitles, ModuleDocument? Document);

    /// <summary>The file's result after the checks against the other files. A cross-file error goes to the file where
    /// it must be fixed, whose document is then withdrawn so that it is not published.</summary>
    /// <param name="late">Errors already found for this file among the others (a duplicate id); more are added.</param>
    private static ParsedFile Checked(Reading reading, Neighbours known, List<ContentError>? late = null)
    {
        var result = reading.File;
        void Add(int line, string message, string fix) => (late ??= []).Add(new ContentError(result.Path, line, message, fix));

        switch (reading.Location)
        {
            case { Kind: ContentKind.Module, IsTranslation: false }:
                if (known.Standards is not { } standards) break;
                foreach (var standard in reading.References.Where(r => !standards.Contains(r.Text)))
                    Add(standard.Line, $"Unknown standard '{standard.Text}'.", UnknownStandardFix(standard.Text, standards, known.CatalogueExists));
                break;

            case { Kind: ContentKind.Module } translation:
                if (!known.Modules.TryGetValue(translation.Id, out var original))
                {
                    Add(1, "This translation has no module.md beside it, so it has nothing to translate.",
                        $"Add modules/{translation.Folder}/module.md (the {DefaultLanguage} module), or move this file into the folder of the module it translates.");
                    break;
                }
                CompareLessons(reading, original, Add);
                if (result.Document is ModuleDocument words && original.Document is { } source)
                    result = result with { Document = words.WithMetadataOf(source) };
                break;

            case { Kind: ContentKind.Standards, IsTranslation: true }:
                if (!known.CatalogueExists)
                {
                    Add(1, "This translation has no standards.md beside it, so it has nothing to translate.",
                        "Add standards.md (the standards in English) at the root of the content folder, or remove this file.");
                    break;
                }
                // Without a readable standards.md nothing can be said of the ids; standards.md has its own error then.
                if (known.Standards is not { } originals) break;
                foreach (var standard in reading.References.Where(r => !originals.Contains(r.Text)))
                    Add(standard.Line, $"Unknown standard '{standard.Text}': standards.md has no standard with this id.",
                        UnknownStandardFix(standard.Text, originals, catalogueExists: true) + " A translation keeps the ids of standards.md.");
                break;

            case { Kind: ContentKind.Lineup }:
                // Without a readable standards.md nothing can be said of the ids; standards.md has its own error then.
                if (known.Standards is not { } named) break;
                foreach (var standard in reading.References.Where(r => !named.Contains(r.Text)))
                    Add(standard.Line, $"Unknown standard '{standard.Text}'.", UnknownStandardFix(standard.Text, named, known.CatalogueExists));
                break;

            case { Kind: ContentKind.Program }:
                foreach (var module in reading.References.Where(r => !known.Modules.ContainsKey(r.Text)))
                {
                    if (known.DraftModules.Contains(module.Text))
                        Add(module.Line, $"The module '{module.Text}' is only a draft: learners cannot take it yet.",
                            $"Publish {ContentPath.ModuleFile(module.Text)} first (open it from the content workspace), then this program; or remove it from the list.");
                    else
                        Add(module.Line, $"Unknown module '{module.Text}'.", UnknownModuleFix(module.Text, known.Modules.Keys));
                }
                break;

            case { Kind: ContentKind.Quiz } quiz:
                if (!known.Modules.ContainsKey(quiz.Folder!))
                    Add(1, $"There is no module.md in modules/{quiz.Folder}/, so this quiz belongs to no module.",
                        $"Move the quiz into the folder of its module, or add modules/{quiz.Folder}/module.md.");
                else if (quiz.IsTranslation && !known.Quizzes.Contains(result.DocumentId))
                    Add(1, $"This translation has no {quiz.Id}.quiz.md beside it, so it has nothing to translate.",
                        $"Add modules/{quiz.Folder}/{quiz.Id}.quiz.md (the {DefaultLanguage} quiz), or rename this file after the quiz it translates.");
                break;
        }
        return late is null ? result : Withdrawn(result, late);
    }

    private static ParsedFile Withdrawn(ParsedFile file, IEnumerable<ContentError> errors) =>
        file with { Document = null, Errors = Sorted(file.Errors.Concat(errors)) };

    private static string UnknownStandardFix(string id, IEnumerable<string> known, bool catalogueExists)
    {
        if (!catalogueExists)
            return "Standards are defined in standards.md, which is missing: add it at the root of the content folder, or remove this id from 'standards'.";
        var nearest = Suggest.Nearest(id, known);
        return nearest is null
            ? "No standard has this id. Standards are defined in standards.md: check the spelling, or add the standard there first."
            : $"Did you mean '{nearest}'? Standards are defined in standards.md.";
    }

    private static string UnknownModuleFix(string id, IEnumerable<string> known)
    {
        var nearest = Suggest.Nearest(id, known);
        return nearest is null
            ? "No module has this id. A module's id is the name of its folder under modules/: check the spelling, or add the module first."
            : $"Did you mean '{nearest}'? A module's id is the name of its folder under modules/.";
    }

    /// <summary>A learner can switch language on any lesson page only if lesson n is lesson n in every language.</summary>
    private static void CompareLessons(Reading translation, ModuleFacts original, Action<int, string, string> error)
    {
        if (translation.Lessons is not { Count: > 0 } words || original.LessonTitles is not { Count: > 0 } source) return;
        if (words.Count > source.Count)
            error(words[source.Count].Line, $"This translation has {words.Count} lessons but module.md has {source.Count}.",
                "Keep the same lessons in the same order as module.md, so that a learner can switch language on any page: remove this lesson, or add it to module.md too.");
        else if (words.Count < source.Count)
            error(translation.LastLine, $"This translation has {words.Count} lessons but module.md has {source.Count}.",
                $"Translate every lesson of module.md, in the same order, so that a learner can switch language on any page: lesson {words.Count + 1}, '{source[words.Count]}', is missing.");
    }

    private static List<ContentError> Sorted(IEnumerable<ContentError> errors) => errors.OrderBy(e => e.Line).ToList();
}
