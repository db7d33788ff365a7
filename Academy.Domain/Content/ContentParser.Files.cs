using System.Globalization;
using System.Text;
using Academy.Domain.Quizzes;
using Markdig.Syntax;

namespace Academy.Domain.Content;

/// <summary>One file at a time: the readers of standards.md, modules, programs and quizzes.</summary>
public static partial class ContentParser
{
    private static readonly string[] StandardsKeys = ["title"];
    private static readonly string[] ModuleKeys = ["id", "title", "kind", "standards", "minutes", "refresher", "refresher-window", "audience", "certificate"];
    private static readonly string[] ProgramKeys = ["id", "title", "audience", "due", "certificate"];
    private static readonly string[] Kinds = ["behavioral", "technical"];

    /// <summary>Text with the file line where it was written: an id, a standard, a lesson title.</summary>
    private readonly record struct Located(string Text, int Line);

    /// <summary>One parsed file and what the cross-file checks need from it. These are kept even when the file
    /// has errors, so that a trainer sees every problem of a file at once rather than one per import.</summary>
    /// <param name="LastLine">Where "something is missing at the end" is reported.</param>
    private sealed record Reading(ParsedFile File, ContentPath? Location, int LastLine)
    {
        /// <summary>A module's standards (all at the line of its <c>standards</c> key) or a program's module ids.</summary>
        public IReadOnlyList<Located> References { get; init; } = [];

        /// <summary>The standard ids of standards.md; <c>null</c> when its body could not be read.</summary>
        public IReadOnlyList<Located>? Declared { get; init; }

        /// <summary>A module's lesson titles; <c>null</c> when its body could not be read.</summary>
        public IReadOnlyList<Located>? Lessons { get; init; }
    }

    private static Reading Read(SourceFile file)
    {
        var location = ContentPath.Of(file.Path);
        var lastLine = LastLine(file.Text);
        try
        {
            return location?.Kind switch
            {
                null => new Reading(NotContent(file), null, lastLine),
                ContentKind.Standards => ReadStandards(file, location, lastLine),
                ContentKind.Module => ReadModule(file, location, lastLine),
                ContentKind.Program => ReadProgram(file, location, lastLine),
                ContentKind.Lineup => ReadLineup(file, location, lastLine),
                _ => ReadQuiz(file, location, lastLine),
            };
        }
        catch (Exception e) when (location is not null && e is not OutOfMemoryException)
        {
            // One file must never stop the others from being read, the site from starting or the editor from answering.
            // The file is then like one whose body cannot be read: its id is known, its lessons and references are not.
            return new Reading(Unreadable(file, location, lastLine, e), location, lastLine);
        }
    }

    private static ParsedFile Unreadable(SourceFile file, ContentPath location, int lastLine, Exception e)
    {
        ContentError error;
        if (e is MarkdownLimitException limit)
        {
            // Only the body goes through Markdig, so its front matter was read before; read again, it gives the body's first line.
            var bodyLine = FrontMatter.Parse(file.Path, file.Text, [])?.BodyLine ?? 1;
            error = new ContentError(file.Path, Math.Clamp(bodyLine + limit.Line, 1, lastLine), limit.Message, limit.Fix);
        }
        else
        {
            error = new ContentError(file.Path, 1, $"Academy could not read this file: {e.Message}",
                "Look at what changed last for unusual Markdown (a very long paragraph, lists or quotes nested very deep, many brackets "
                + "or asterisks that never close) and simplify it. If the file looks ordinary, send it to your administrator: this is a fault in Academy.");
        }
        return new ParsedFile(file.Path, location.Kind, DocumentId(location), location.Language, null, [error]);
    }

    private static ParsedFile NotContent(SourceFile file)
    {
        var parts = file.Path.Split('/');
        var name = parts[^1];
        // ContentKind has no "other"; the kind its folder suggests lists it beside its neighbours on Content health.
        var kind = parts[0] switch
        {
            "programs" => ContentKind.Program,
            "modules" when name.Contains(".quiz", StringComparison.Ordinal) => ContentKind.Quiz,
            "modules" => ContentKind.Module,
            _ => ContentKind.Standards,
        };
        string fix;
        if (ContentPath.IsIgnored(file.Path))
            fix = "Nothing to do: the guide and pictures are not imported as training.";
        else if (parts is [$"standards.{DefaultLanguage}.md"] || parts is ["modules", _, _] && (name == $"module.{DefaultLanguage}.md" || name.EndsWith($".quiz.{DefaultLanguage}.md", StringComparison.Ordinal)))
            fix = $"English is the default language: name this file '{name.Replace($".{DefaultLanguage}.md", ".md", StringComparison.Ordinal)}'.";
        else if (parts is ["modules", _, _] && Suggest.Nearest(name, ["module.md"]) is { } nearest)
            fix = $"Did you mean '{nearest}'? {Layout}";
        else
            fix = $"Move or rename it. {Layout}";
        return new ParsedFile(file.Path, kind, file.Path, DefaultLanguage, null,
            [new ContentError(file.Path, 1, "This is not a content file, so Academy does not import it.", fix)]);
    }

    private static Reading ReadStandards(SourceFile file, ContentPath location, int lastLine)
    {
        var errors = new List<ContentError>();
        var front = FrontMatter.Parse(file.Path, file.Text, errors);
        if (front is null) return new Reading(Failed(file, location, errors), location, lastLine);
        front.RejectUnknownKeys(StandardsKeys, errors);
        var title = front.String("title", required: true, errors);

        var standards = new List<Standard>();
        var declared = new List<Located>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var body = MarkdownRenderer.Parse(front.Body);
        MarkdownRenderer.CheckImages(body, front, null, errors);
        var sections = Sections(body);
        // The text before the first standard introduces the catalogue in the file; the site has no place for it.
        foreach (var (heading, blocks) in sections.Skip(1))
        {
            var line = front.BodyLine + heading!.Line;
            var (name, id) = MarkdownRenderer.SplitHeadingId(MarkdownRenderer.PlainText(heading));
            if (id is null)
            {
                errors.Add(new ContentError(file.Path, line, $"The standard '{name}' has no id.",
                    $"Add its id in curly brackets at the end of the heading: '## {name} {{#{Slug(name)}}}'. Modules refer to a standard by its id."));
                continue;
            }
            if (!MarkdownRenderer.IsValidId(id))
            {
                errors.Add(new ContentError(file.Path, line, $"'{id}' is not a valid standard id.",
                    $"Use lowercase letters, digits and hyphens only, e.g. '{{#{Slug(id)}}}'."));
                continue;
            }
            if (firstLines.TryGetValue(id, out var first))
            {
                errors.Add(new ContentError(file.Path, line, $"The standard id '{id}' is used twice: on line {first} and on line {line}.",
                    location.IsTranslation
                        ? "Translate each standard once, under the id it has in standards.md: remove one of the two, or correct its id."
                        : "Give each standard its own id; modules refer to a standard by its id."));
                continue;
            }
            firstLines[id] = line;
            declared.Add(new Located(id, line));
            if (name.Length == 0)
                errors.Add(new ContentError(file.Path, line, $"The standard '{id}' has no title.",
                    $"Write its title before the id: '## Keep every promise {{#{id}}}'."));
            if (location.IsTranslation)
            {
                RejectFrames(file.Path, front.BodyLine, front.Body, id, location.Language, blocks, errors);
                standards.Add(new Standard(id, name, MarkdownRenderer.Render(blocks)));
                continue;
            }
            var (frame, frameTranslations) = ReadFrame(file.Path, front.BodyLine, front.Body, id, blocks, errors);
            standards.Add(new Standard(id, name, MarkdownRenderer.Render(blocks), frame, frameTranslations));
        }
        if (sections.Count == 1)
            errors.Add(location.IsTranslation
                ? new ContentError(file.Path, Math.Min(front.BodyLine, lastLine), $"{file.Path} translates no standard.",
                    "Add each standard you translate as a '## ' heading with its translated title and, in curly brackets, its id from standards.md, followed by its description: '## Tenir chaque promesse {#keep-promises}'.")
                : new ContentError(file.Path, Math.Min(front.BodyLine, lastLine), "standards.md defines no standard.",
                    "Add each standard as a '## ' heading with its id in curly brackets, followed by its description: '## Keep every promise {#keep-promises}'."));

        var document = errors.Count == 0 ? new StandardsDocument(title!, standards, location.Language) : null;
        // A translation's ids must be those of standards.md: checked against it as references are.
        return new Reading(Result(file, location, document, errors), location, lastLine)
        {
            Declared = location.IsTranslation ? null : declared,
            References = location.IsTranslation ? declared : [],
        };
    }

    /// <summary>A translated catalogue has no frame of its own: a standard's frames, in every language, are written
    /// together in standards.md, so that changing what an employee may decide is one edit in one place.</summary>
    private static void RejectFrames(string path, int bodyLine, string body, string standardId, string language, List<Block> blocks, List<ContentError> errors)
    {
        foreach (var paragraph in blocks.OfType<ParagraphBlock>().ToList())
        {
            var lines = body.Substring(paragraph.Span.Start, paragraph.Span.Length).ReplaceLineEndings("\n").Split('\n');
            if (!FrameLine().IsMatch(lines[0].Trim())) continue;
            blocks.Remove(paragraph);
            errors.Add(new ContentError(path, bodyLine + paragraph.Line, $"A translation has no frame: the frame of '{standardId}' in '{language}' is written in standards.md.",
                $"Move this line to standards.md, below the English frame of '{standardId}', as 'Frame ({language}): …'. Frames in every language are kept together there."));
        }
    }

    /// <summary>Takes a standard's frame out of its blocks: a paragraph <c>Frame: …</c>, and its translations
    /// <c>Frame (fr): …</c>. Each at most once, never empty, a translation only beside the English.</summary>
    private static (string? Frame, IReadOnlyDictionary<string, string>? Translations) ReadFrame(string path, int bodyLine, string body, string standardId,
        List<Block> blocks, List<ContentError> errors)
    {
        string? frame = null;
        var translations = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstLine = 0;
        var englishWritten = false;
        foreach (var paragraph in blocks.OfType<ParagraphBlock>().ToList())
        {
            // The source text, not the rendered one, which joins a paragraph's lines into one.
            var lines = body.Substring(paragraph.Span.Start, paragraph.Span.Length).ReplaceLineEndings("\n").Split('\n');
            if (!FrameLine().IsMatch(lines[0].Trim())) continue;
            blocks.Remove(paragraph);
            // "Frame:" and "Frame (fr):" on consecutive lines make one paragraph; a line that starts neither continues the one above.
            var entries = new List<(int Line, string? Language, string Text)>();
            for (var i = 0; i < lines.Length; i++)
            {
                if (FrameLine().Match(lines[i].Trim()) is { Success: true } match)
                    entries.Add((bodyLine + paragraph.Line + i, match.Groups["language"].Success ? match.Groups["language"].Value : null, match.Groups["text"].Value.Trim()));
                else
                    entries[^1] = entries[^1] with { Text = $"{entries[^1].Text} {lines[i].Trim()}".Trim() };
            }
            foreach (var (line, language, value) in entries)
            {
                firstLine = firstLine == 0 ? line : firstLine;
                englishWritten |= language is null;
                if (value.Length == 0)
                    errors.Add(new ContentError(path, line, $"The frame of '{standardId}' is empty.",
                        "Write what an employee may decide alone after 'Frame:', e.g. 'Frame: a gesture up to €50 per guest without asking.', or remove the line."));
                else if (language is null && frame is not null || language is not null && translations.ContainsKey(language))
                    errors.Add(new ContentError(path, line, $"The standard '{standardId}' has two frames{(language is null ? "" : $" in '{language}'")}.",
                        "Give each standard one frame per language: merge the two lines."));
                else if (language == DefaultLanguage)
                    errors.Add(new ContentError(path, line, $"The frame of '{standardId}' is marked '({language})', which is the default language.",
                        "Write the English frame as 'Frame: …', without a language; 'Frame (fr): …' is for a translation."));
                else if (language is null)
                    frame = value;
                else
                    translations[language] = value;
            }
        }
        if (!englishWritten && translations.Count > 0)
            errors.Add(new ContentError(path, firstLine, $"The standard '{standardId}' has a translated frame but no English one.",
                "Add the English frame as 'Frame: …': it is the one shown in every language without a translation."));
        return (frame, translations.Count > 0 ? translations : null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Frame(?: \((?<language>[a-z]{2})\))?:(?<text>.*)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FrameLine();

    private static Reading ReadModule(SourceFile file, ContentPath location, int lastLine)
    {
        var errors = new List<ContentError>();
        var front = FrontMatter.Parse(file.Path, file.Text, errors);
        var folder = location.Id;
        if (!MarkdownRenderer.IsValidId(folder))
            errors.Add(new ContentError(file.Path, 1, $"The folder name '{folder}' is not a valid module id.",
                $"Rename the folder to 'modules/{Slug(folder)}/': lowercase letters, digits and hyphens only. The folder's name is the module's id."));
        if (front is null) return new Reading(Failed(file, location, errors), location, lastLine);

        front.RejectUnknownKeys(ModuleKeys, errors);
        if (front.String("id", required: false, errors) is { } id)
        {
            if (!MarkdownRenderer.IsValidId(id))
                errors.Add(new ContentError(file.Path, front.LineOf("id"), $"'{id}' is not a valid module id.",
                    "Remove the 'id' line: the folder's name is the module's id."));
            else if (id != folder)
                errors.Add(new ContentError(file.Path, front.LineOf("id"), $"The id '{id}' differs from the folder name '{folder}'.",
                    $"Rename the folder to 'modules/{id}/', or remove the 'id' line: the folder's name is the module's id."));
        }
        var title = front.String("title", required: true, errors);
        var kind = ReadKind(front, required: !location.IsTranslation, errors);
        var standards = ReadStandardIds(front, errors);
        var minutes = front.Int("minutes", 1, 600, errors);
        var refresher = front.Validity("refresher", errors);
        var refresherWindow = front.Validity("refresher-window", errors);
        if (refresherWindow is { } window)
        {
            var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            if (refresher is null)
                errors.Add(new ContentError(file.Path, front.LineOf("refresher-window"), "'refresher-window' needs a 'refresher' period.",
                    "Add 'refresher: 1 year' (how long a completion stays valid), or remove the 'refresher-window' line."));
            else if (window.AddTo(start) >= refresher.Value.AddTo(start))
                errors.Add(new ContentError(file.Path, front.LineOf("refresher-window"), $"The refresher window ({window}) must be shorter than the refresher period ({refresher}).",
                    "Write a shorter window, e.g. 'refresher-window: 30 days'."));
        }
        var audience = front.Audience("audience", errors);
        var certificate = front.Bool("certificate", errors) ?? false;

        // Relative links in lessons point into the module's media/ folder, which the site serves under /media/<id>/.
        var mediaBase = $"/media/{folder}/";
        var body = MarkdownRenderer.Parse(front.Body);
        MarkdownRenderer.CheckImages(body, front, mediaBase, errors);
        var sections = Sections(body);
        var introHtml = MarkdownRenderer.Render(sections[0].Blocks, mediaBase);
        var lessons = new List<Lesson>();
        var lessonLines = new List<Located>();
        foreach (var (heading, blocks) in sections.Skip(1))
        {
            var line = front.BodyLine + heading!.Line;
            var (lessonTitle, _) = MarkdownRenderer.SplitHeadingId(MarkdownRenderer.PlainText(heading));
            if (lessonTitle.Length == 0)
                errors.Add(new ContentError(file.Path, line, "This lesson has no title.", "Write the lesson's title after '## ', e.g. '## The first ten seconds'."));
            lessons.Add(new Lesson(lessons.Count + 1, lessonTitle, MarkdownRenderer.Render(blocks, mediaBase)));
            lessonLines.Add(new Located(lessonTitle, line));
        }
        if (lessons.Count == 0)
            errors.Add(new ContentError(file.Path, Math.Min(front.BodyLine, lastLine), "This module has no lesson.",
                "Add a '## Lesson title' line before each lesson's text; text before the first one is the module's introduction."));

        var document = errors.Count == 0
            ? new ModuleDocument(folder, location.Language, title!, kind ?? ModuleKind.Behavioral, standards.Select(s => s.Text).ToList(),
                minutes, refresher, audience, introHtml, lessons, refresherWindow, certificate)
            : null;
        return new Reading(Result(file, location, document, errors), location, lastLine)
        {
            References = location.IsTranslation ? [] : standards,
            Lessons = lessonLines,
        };
    }

    private static ModuleKind? ReadKind(FrontMatter front, bool required, List<ContentError> errors)
    {
        var text = front.String("kind", required, errors);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "behavioral":
                return ModuleKind.Behavioral;
            case "technical":
                return ModuleKind.Technical;
            default:
                var nearest = Suggest.Nearest(text, Kinds);
                const string kinds = "'behavioral' (how we treat people) or 'technical' (how we do a task correctly)";
                errors.Add(new ContentError(front.File, front.LineOf("kind"), $"Unknown kind '{text}'.",
                    nearest is null ? $"Write {kinds}." : $"Did you mean '{nearest}'? The kind is {kinds}."));
                return null;
        }
    }

    /// <summary>The ids under <c>standards</c>, each at the key's line (the front matter keeps no line per item).</summary>
    private static List<Located> ReadStandardIds(FrontMatter front, List<ContentError> errors)
    {
        var ids = new List<Located>();
        var line = front.LineOf("standards");
        foreach (var id in front.List("standards", errors) ?? [])
        {
            if (!MarkdownRenderer.IsValidId(id))
                errors.Add(new ContentError(front.File, line, $"'{id}' is not a standard id.",
                    $"Write the id in curly brackets after the standard's title in standards.md, e.g. '{Slug(id)}'."));
            else if (ids.Any(s => s.Text == id))
                errors.Add(new ContentError(front.File, line, $"The standard '{id}' is listed twice.", "List each standard once."));
            else
                ids.Add(new Located(id, line));
        }
        return ids;
    }

    private static Reading ReadProgram(SourceFile file, ContentPath location, int lastLine)
    {
        var errors = new List<ContentError>();
        var id = location.Id;
        if (!MarkdownRenderer.IsValidId(id))
            errors.Add(new ContentError(file.Path, 1, $"The file name '{id}' is not a valid program id.",
                $"Rename the file to 'programs/{Slug(id)}.md': lowercase letters, digits and hyphens only. The file's name is the program's id."));
        var front = FrontMatter.Parse(file.Path, file.Text, errors);
        if (front is null) return new Reading(Failed(file, location, errors), location, lastLine);

        front.RejectUnknownKeys(ProgramKeys, errors);
        // As in a module, 'id' may repeat the id for the reader's sake; the file's name stays the id.
        if (front.String("id", required: false, errors) is { } declaredId)
        {
            if (!MarkdownRenderer.IsValidId(declaredId))
                errors.Add(new ContentError(file.Path, front.LineOf("id"), $"'{declaredId}' is not a valid program id.",
                    "Remove the 'id' line: the file's name is the program's id."));
            else if (declaredId != id)
                errors.Add(new ContentError(file.Path, front.LineOf("id"), $"The id '{declaredId}' differs from the file name '{id}'.",
                    $"Rename the file to 'programs/{declaredId}.md', or remove the 'id' line: the file's name is the program's id."));
        }
        var title = front.String("title", required: true, errors);
        var audience = front.Audience("audience", errors);
        var due = front.Validity("due", errors);
        var certificate = front.Bool("certificate", errors) ?? false;

        var body = MarkdownRenderer.Parse(front.Body);
        MarkdownRenderer.CheckImages(body, front, null, errors);
        var list = body.OfType<ListBlock>().FirstOrDefault(l => l.IsOrdered);
        var modules = new List<Located>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        if (list is null)
            errors.Add(new ContentError(file.Path, Math.Min(front.BodyLine, lastLine), "The program lists no modules.",
                "Add a numbered list of module ids, in the order learners take them: a line '1. warm-welcome', then '2. listen-first', and so on."));
        else
        {
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var line = front.BodyLine + item.Line;
                var moduleId = string.Join(' ', item.Descendants<LeafBlock>().Select(MarkdownRenderer.PlainText)).Trim();
                if (!MarkdownRenderer.IsValidId(moduleId))
                    errors.Add(new ContentError(file.Path, line, moduleId.Length == 0 ? "This item of the module list is empty." : $"'{moduleId}' is not a module id.",
                        $"Write only the module's id, the name of its folder under modules/, e.g. '1. {(moduleId.Length == 0 ? "warm-welcome" : Slug(moduleId))}'."));
                else if (!firstLines.TryAdd(moduleId, line))
                    errors.Add(new ContentError(file.Path, line, $"The module '{moduleId}' is listed twice: on line {firstLines[moduleId]} and on line {line}.",
                        "List each module once."));
                else
                    modules.Add(new Located(moduleId, line));
            }
        }
        var descriptionHtml = MarkdownRenderer.Render(body.Where(b => b != list).ToList());

        var document = errors.Count == 0
            ? new ProgramDocument(id, title!, audience, due, certificate, descriptionHtml, modules.Select(m => m.Text).ToList())
            : null;
        return new Reading(Result(file, location, document, errors), location, lastLine) { References = modules };
    }

    private static Reading ReadQuiz(SourceFile file, ContentPath location, int lastLine)
    {
        var moduleId = location.Folder!;
        var (quiz, quizErrors) = QuizParser.Parse(file, moduleId, location.Id, location.Language);
        var errors = quizErrors.ToList();
        if (!MarkdownRenderer.IsValidId(location.Id))
        {
            var language = location.IsTranslation ? $".{location.Language}" : "";
            errors.Add(new ContentError(file.Path, 1, $"The file name '{location.Id}.quiz{language}.md' does not give a valid quiz id.",
                $"Rename the file to '{Slug(location.Id)}.quiz{language}.md': lowercase letters, digits and hyphens before '.quiz'."));
        }
        return new Reading(Result(file, location, errors.Count == 0 ? quiz : null, errors), location, lastLine);
    }

    private static ParsedFile Result(SourceFile file, ContentPath location, ContentDocument? document, List<ContentError> errors) =>
        new(file.Path, location.Kind, DocumentId(location), location.Language, errors.Count == 0 ? document : null, Sorted(errors));

    private static ParsedFile Failed(SourceFile file, ContentPath location, List<ContentError> errors) =>
        Result(file, location, null, errors);

    private static string DocumentId(ContentPath location) =>
        location.Kind == ContentKind.Quiz ? $"{location.Folder}/{location.Id}" : location.Id;

    /// <summary>The body cut at each top-level <c>##</c> heading; the first section, with no heading, is what comes before.</summary>
    private static List<(HeadingBlock? Heading, List<Block> Blocks)> Sections(MarkdownDocument document)
    {
        var sections = new List<(HeadingBlock? Heading, List<Block> Blocks)> { (null, []) };
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 } heading) sections.Add((heading, []));
            else sections[^1].Blocks.Add(block);
        }
        return sections;
    }

    /// <summary>The 1-based number of the last line, not counting the empty "line" after a final line break.</summary>
    private static int LastLine(string text)
    {
        var breaks = text.AsSpan().Count('\n');
        return Math.Max(1, text.EndsWith('\n') ? breaks : breaks + 1);
    }

    /// <summary>An id a trainer can copy from a title or a mistyped id: "Écoute & Respect" gives "ecoute-respect".</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var id = slug.ToString().Trim('-');
        return id.Length > 0 ? id : "my-id";
    }
}
