namespace Academy.Domain.Content;

public enum ContentKind { Standards, Module, Quiz, Program }

/// <summary>The outcome of parsing one file: its document when it has no error.</summary>
/// <param name="DocumentId">Module id, program id, <c>moduleId/quizId</c> for a quiz, <c>standards</c> for the catalogue.</param>
/// <param name="Document">The document, of the type that <paramref name="Kind"/> names; <c>null</c> when <see cref="Errors"/> is not empty.</param>
public sealed record ParsedFile(string Path, ContentKind Kind, string DocumentId, string Language, ContentDocument? Document, IReadOnlyList<ContentError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Reads the trainers' Markdown, laid out as in <c>CONTENT-FORMAT.md</c>, into documents. Pure and
/// thread-safe: text in, documents or errors out, no file IO. Every error names the file and line where a
/// trainer fixes it, and the fix in words a trainer understands.</summary>
public static partial class ContentParser
{
    /// <summary>The language of <c>module.md</c> and <c>x.quiz.md</c>; other languages are translations.</summary>
    public const string DefaultLanguage = ContentPath.DefaultLanguage;

    private const string Layout = "Content files are standards.md, programs/<id>.md, modules/<id>/module.md (module.fr.md for "
        + "its French translation) and modules/<id>/<name>.quiz.md; pictures go in a module's media/ folder.";

    /// <summary>Parses one file on its own. Checks that need other files (a standard or module that must exist, a
    /// translation's lesson count) are made by <see cref="ParseAll"/> only; so is copying a translation's kind,
    /// standards, minutes, refresher and audience from its default-language module, which on its own a
    /// translation does not know (its <see cref="ModuleDocument.Kind"/> is then its own <c>kind</c>, or
    /// <see cref="ModuleKind.Behavioral"/> without one).</summary>
    /// <remarks>A path outside the layout, including <c>README.md</c> and files under <c>media/</c>, comes back
    /// with a "not a content file" error and the <see cref="ContentKind"/> its folder suggests.</remarks>
    public static ParsedFile Parse(SourceFile file) => Read(file).File;

    /// <summary>Whether <see cref="ParseAll"/> reads <paramref name="path"/> as content: everything but the trainers'
    /// guide (<c>README.md</c> at the root) and files under a <c>media/</c> folder.</summary>
    public static bool IsContent(string path) => !ContentPath.IsIgnored(path);

    /// <summary>Parses every content file (skipping those that <see cref="IsContent"/> rejects), then checks the
    /// files against each other: modules name existing standards, programs existing modules, translations and
    /// quizzes have their module, translations have as many lessons as the default language, and ids are unique.
    /// A cross-file error goes to the file where it must be fixed, whose document is then withdrawn
    /// (<see cref="ParsedFile.Document"/> is <c>null</c>) so that it is not published.</summary>
    /// <returns>One result per content file, in the order given.</returns>
    /// <remarks>Linear in the number of files; only an error's "did you mean" looks through all the ids.</remarks>
    public static IReadOnlyList<ParsedFile> ParseAll(IEnumerable<SourceFile> files)
    {
        var readings = files.Where(f => IsContent(f.Path)).Select(Read).ToList();
        var results = readings.Select(r => r.File).ToArray();
        var late = new List<ContentError>?[readings.Count];

        void Add(int index, int line, string message, string fix) =>
            (late[index] ??= []).Add(new ContentError(results[index].Path, line, message, fix));

        // Index by id. Ids come from paths, so a module is known even when its own text has errors: a program
        // that lists it is not at fault.
        int? catalogue = null;
        var modules = new Dictionary<string, int>(StringComparer.Ordinal);
        var quizzes = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<(ContentKind, string, string), int>();
        for (var i = 0; i < readings.Count; i++)
        {
            if (readings[i].Location is not { } location) continue;
            var file = results[i];
            if (!owners.TryAdd((file.Kind, file.DocumentId, file.Language), i))
            {
                var first = results[owners[(file.Kind, file.DocumentId, file.Language)]].Path;
                Add(i, 1, $"'{file.DocumentId}' is already the id of {first}.",
                    "Give each module and program its own id: it is the name of the module's folder or of the program's file.");
                continue;
            }
            switch (location.Kind)
            {
                case ContentKind.Standards:
                    catalogue = i;
                    break;
                case ContentKind.Module when !location.IsTranslation:
                    modules[location.Id] = i;
                    break;
                case ContentKind.Quiz when !location.IsTranslation:
                    quizzes.Add(file.DocumentId);
                    break;
            }
        }

        // Without standards.md every standard is unknown; with a standards.md whose front matter cannot be read,
        // its ids are unknown and modules are not blamed for it.
        HashSet<string>? standards = catalogue is { } c
            ? readings[c].Declared?.Select(d => d.Text).ToHashSet(StringComparer.Ordinal)
            : [];

        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            switch (reading.Location)
            {
                case { Kind: ContentKind.Module, IsTranslation: false }:
                    if (standards is null) break;
                    foreach (var standard in reading.References.Where(r => !standards.Contains(r.Text)))
                        Add(i, standard.Line, $"Unknown standard '{standard.Text}'.", UnknownStandardFix(standard.Text, standards, catalogue is not null));
                    break;

                case { Kind: ContentKind.Module } translation:
                    if (!modules.TryGetValue(translation.Id, out var original))
                    {
                        Add(i, 1, "This translation has no module.md beside it, so it has nothing to translate.",
                            $"Add modules/{translation.Folder}/module.md (the {DefaultLanguage} module), or move this file into the folder of the module it translates.");
                        break;
                    }
                    CompareLessons(reading, readings[original], (line, message, fix) => Add(i, line, message, fix));
                    if (results[i].Document is ModuleDocument words && results[original].Document is ModuleDocument source)
                        results[i] = results[i] with { Document = words.WithMetadataOf(source) };
                    break;

                case { Kind: ContentKind.Program }:
                    foreach (var module in reading.References.Where(r => !modules.ContainsKey(r.Text)))
                        Add(i, module.Line, $"Unknown module '{module.Text}'.", UnknownModuleFix(module.Text, modules.Keys));
                    break;

                case { Kind: ContentKind.Quiz } quiz:
                    if (!modules.ContainsKey(quiz.Folder!))
                        Add(i, 1, $"There is no module.md in modules/{quiz.Folder}/, so this quiz belongs to no module.",
                            $"Move the quiz into the folder of its module, or add modules/{quiz.Folder}/module.md.");
                    else if (quiz.IsTranslation && !quizzes.Contains(results[i].DocumentId))
                        Add(i, 1, $"This translation has no {quiz.Id}.quiz.md beside it, so it has nothing to translate.",
                            $"Add modules/{quiz.Folder}/{quiz.Id}.quiz.md (the {DefaultLanguage} quiz), or rename this file after the quiz it translates.");
                    break;
            }
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (late[i] is not { } errors) continue;
            results[i] = results[i] with { Document = null, Errors = Sorted(results[i].Errors.Concat(errors)) };
        }
        return results;
    }

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
    private static void CompareLessons(Reading translation, Reading original, Action<int, string, string> error)
    {
        if (translation.Lessons is not { Count: > 0 } words || original.Lessons is not { Count: > 0 } source) return;
        if (words.Count > source.Count)
            error(words[source.Count].Line, $"This translation has {words.Count} lessons but module.md has {source.Count}.",
                "Keep the same lessons in the same order as module.md, so that a learner can switch language on any page: remove this lesson, or add it to module.md too.");
        else if (words.Count < source.Count)
            error(translation.LastLine, $"This translation has {words.Count} lessons but module.md has {source.Count}.",
                $"Translate every lesson of module.md, in the same order, so that a learner can switch language on any page: lesson {words.Count + 1}, '{source[words.Count].Text}', is missing.");
    }

    private static List<ContentError> Sorted(IEnumerable<ContentError> errors) => errors.OrderBy(e => e.Line).ToList();
}
