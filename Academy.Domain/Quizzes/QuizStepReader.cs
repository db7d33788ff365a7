using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Domain.Content;
using Markdig.Syntax;

namespace Academy.Domain.Quizzes;

/// <summary>A step as read from the file, with the file lines of its choices, which the records do not keep
/// but the checks on jumps need for their errors.</summary>
internal sealed record StepDraft(QuizStep Step, IReadOnlyList<int> ChoiceLines);

/// <summary>Turns the Markdown body of a quiz file into steps: one per <c>##</c> heading, its choices from its last
/// bullet list. Marks and jumps are read from the source text of each item rather than from Markdig's inlines,
/// because Markdig turns <c>[3]</c> into a link when the file defines a <c>[3]:</c> reference and splits
/// <c>[x]</c> into several literals otherwise.</summary>
internal sealed partial class QuizStepReader
{
    private readonly FrontMatter _front;
    private readonly string _mediaBase;
    private readonly List<ContentError> _errors;
    private string _references = "";

    public QuizStepReader(FrontMatter front, string mediaBase, List<ContentError> errors)
    {
        _front = front;
        _mediaBase = mediaBase;
        _errors = errors;
    }

    private string Body => _front.Body;

    /// <summary>The text before the first step, rendered, once <see cref="Read"/> has run; empty when there is none.</summary>
    public string BriefingHtml { get; private set; } = "";

    public IReadOnlyList<StepDraft> Read()
    {
        var document = MarkdownRenderer.Parse(Body);
        MarkdownRenderer.CheckImages(document, _front, _mediaBase, _errors);
        // Choices are rendered on their own, so they need the file's link references to resolve [text][ref].
        _references = string.Concat(document.Descendants<LinkReferenceDefinition>().Select(d => "\n\n" + Source(d)));
        var blocks = document.Where(b => b is not LinkReferenceDefinitionGroup).ToList();

        var firstHeading = blocks.FindIndex(IsStepHeading);
        if (firstHeading < 0)
        {
            Error(blocks.Count > 0 ? LineOf(blocks[0]) : _front.EndLine, "The quiz has no steps.",
                "Start each question or situation with a '## ' heading, e.g. '## Arrival {#arrival}', and put its choices under it as '- [x] ...' lines.");
            return [];
        }
        if (firstHeading > 0)
        {
            var briefing = blocks.Take(firstHeading).ToList();
            CheckBriefing(briefing);
            BriefingHtml = MarkdownRenderer.Render(briefing, _mediaBase);
        }

        var sections = new List<(HeadingBlock Heading, List<Block> Content)>();
        foreach (var block in blocks.Skip(firstHeading))
        {
            if (IsStepHeading(block)) sections.Add(((HeadingBlock)block, []));
            else sections[^1].Content.Add(block);
        }

        var ids = AssignIds(sections.Select(s => s.Heading).ToList());
        return sections.Select((s, i) => ReadStep(s.Heading, s.Content, ids[i])).ToList();
    }

    private static bool IsStepHeading(Block block) => block is HeadingBlock { Level: 2 };

    /// <summary>The briefing is shown as it is written, so what a trainer meant as a title or as a step would not work there.</summary>
    private void CheckBriefing(List<Block> briefing)
    {
        foreach (var block in briefing)
        {
            if (block is HeadingBlock { Level: 1 })
                Error(LineOf(block), "A '# ' heading before the first step would be a second title above the briefing.",
                    "Remove it: the quiz's title comes from 'title:' in the front matter. The text before the first '## ' step is the briefing that learners read before they start.");
            else if (block is ListBlock list && list.Cast<ListItemBlock>().Any(item => ReadMark(item).State != MarkState.None))
                Error(LineOf(block), "These choices come before the first step, so they would be shown as plain text in the briefing.",
                    "Put a '## ' step heading above the question they answer, e.g. '## Arrival {#arrival}'. The text before the first step is the briefing that learners read before they start.");
        }
    }

    /// <summary>Explicit ids first, so that a title-derived id never takes an id the trainer wrote further down.
    /// Derived ids that collide get a number (<c>question</c>, <c>question-2</c>): quizzes often repeat a heading
    /// such as "Question", and the trainer never typed those ids, so an error about them would only puzzle.</summary>
    private List<string> AssignIds(List<HeadingBlock> headings)
    {
        var split = headings.Select(h => MarkdownRenderer.SplitHeadingId(MarkdownRenderer.PlainText(h))).ToList();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Count; i++)
        {
            if (split[i].Id is not { } id) continue;
            var line = LineOf(headings[i]);
            if (!MarkdownRenderer.IsValidId(id))
                Error(line, $"The step id '{id}' is not valid.",
                    $"Use only lower-case letters, digits and '-', e.g. '{{#{Slug(id, i)}}}'.");
            else if (id == QuizChoice.End)
                Error(line, "'end' cannot be a step id: '-> end' already means 'finish the quiz'.",
                    "Give the step another id, e.g. '{#the-end}'.");
            else if (firstLineOf.TryGetValue(id, out var first))
                Error(line, $"The step id '{id}' is already used by the step on line {first}.",
                    "Give each step its own id: jumps must know which step they lead to.");
            else firstLineOf[id] = line;
        }

        var taken = new HashSet<string>(firstLineOf.Keys, StringComparer.Ordinal) { QuizChoice.End };
        var ids = new List<string>();
        for (var i = 0; i < headings.Count; i++)
        {
            if (split[i].Id is { } id)
            {
                ids.Add(id);
                continue;
            }
            var slug = Slug(split[i].Title, i);
            var unique = slug;
            for (var n = 2; taken.Contains(unique); n++) unique = $"{slug}-{n}";
            taken.Add(unique);
            ids.Add(unique);
        }
        return ids;
    }

    private StepDraft ReadStep(HeadingBlock heading, List<Block> content, string id)
    {
        var line = LineOf(heading);
        var title = MarkdownRenderer.SplitHeadingId(MarkdownRenderer.PlainText(heading)).Title;
        if (title.Length == 0)
            Error(line, "This step heading has no title.", "Write a title after '## ', e.g. '## Arrival {#arrival}'.");

        var (choiceList, marksOk) = FindChoiceList(content, id);
        var choices = new List<QuizChoice>();
        var choiceLines = new List<int>();
        if (choiceList is not null)
        {
            var index = content.IndexOf(choiceList);
            if (index < content.Count - 1)
                Error(LineOf(content[index + 1]), $"This text comes after the choices of step '{id}'.",
                    "Indent it by two spaces under the choice it explains to make it that choice's feedback, or move it above the choices.");
            foreach (var item in choiceList.Cast<ListItemBlock>())
            {
                choices.Add(ReadChoice(item, choices.Count + 1));
                choiceLines.Add(LineOf(item));
            }
            if (marksOk) CheckMarks(id, line, choices, choiceLines);
        }
        var html = MarkdownRenderer.Render(content.Where(b => b != choiceList), _mediaBase);
        return new StepDraft(new QuizStep(id, line, title, html, choices), choiceLines);
    }

    /// <summary>The step's last list whose items start with a mark. A list where only some items do is an error
    /// rather than a plain list: that is a trainer who forgot a mark, and the step would silently become an
    /// ending. Such a list is still returned, with <c>MarksOk</c> false, so that the checks of jumps and paths
    /// see the step as the trainer meant it instead of adding errors that only follow from this one.</summary>
    private (ListBlock? List, bool MarksOk) FindChoiceList(List<Block> content, string stepId)
    {
        var lists = content.OfType<ListBlock>().Select(l => (List: l, Marks: l.Cast<ListItemBlock>().Select(ReadMark).ToList()))
            .Where(l => l.Marks.Any(m => m.State != MarkState.None))
            .ToList();
        if (lists.Count == 0) return (null, false);

        foreach (var (earlier, _) in lists.SkipLast(1))
            Error(LineOf(earlier), $"Step '{stepId}' has more than one list of choices; only the last one would be offered.",
                "Put all the choices in one list: start every choice with the same '- ', with no text between them.");

        var (list, marks) = lists[^1];
        var items = list.Cast<ListItemBlock>().ToList();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            switch (marks[i].State)
            {
                case MarkState.None:
                    Error(LineOf(items[i]), $"This item is in the list of choices of step '{stepId}' but has no mark.",
                        "Start it with '[x]' (right), '[ ]' (wrong) or a weight from '[0]' (harmful) to '[3]' (best). "
                        + "If it is not a choice, put a line of text between its list and the choices: two lists with nothing between them are one list.");
                    ok = false;
                    break;
                case MarkState.Invalid:
                    Error(LineOf(items[i]), $"'{marks[i].Token}' is not a mark.",
                        "Use '[x]' for a right choice, '[ ]' (with a space) for a wrong one, or a weight from '[0]' (harmful) to '[3]' (best).");
                    ok = false;
                    break;
            }
        }
        if (list.IsOrdered)
            Error(LineOf(list), $"The choices of step '{stepId}' are a numbered list.",
                "Write each choice as a bullet: '- [x] ...'. Learners see them in their own order, so numbers would not match.");
        return (list, ok);
    }

    private enum MarkState { None, Valid, Invalid }

    /// <param name="Mark">Wrong unless the state is valid: a placeholder that keeps a broken step a step.</param>
    /// <param name="Rest">The first line after the mark; the whole first line when there is no mark.</param>
    private readonly record struct MarkRead(MarkState State, ChoiceMark Mark, string Token, string Rest);

    private MarkRead ReadMark(ListItemBlock item)
    {
        if (item.FirstOrDefault() is not ParagraphBlock paragraph) return new MarkRead(MarkState.None, ChoiceMark.Wrong, "", "");
        var firstLine = Source(paragraph).Split('\n')[0];
        var match = MarkToken().Match(firstLine);
        var none = new MarkRead(MarkState.None, ChoiceMark.Wrong, "", firstLine);
        if (!match.Success) return none;
        var inside = match.Groups["inside"].Value;
        var rest = match.Groups["rest"].Value;
        if (ChoiceMark.TryParse(inside, out var mark)) return new MarkRead(MarkState.Valid, mark, match.Groups["token"].Value, rest);
        // "[]", "[ x ]", "[4]": meant as a mark. "[Note]" and the like are ordinary text.
        return LooksLikeMark().IsMatch(inside) ? new MarkRead(MarkState.Invalid, ChoiceMark.Wrong, match.Groups["token"].Value, rest) : none;
    }

    /// <summary>The choice's text is its first line, up to an optional jump; the rest of the item, indented under
    /// it, is its feedback.</summary>
    private QuizChoice ReadChoice(ListItemBlock item, int number)
    {
        // Only an item of a list with a mark error can lack the paragraph that carries the mark.
        var paragraph = item.FirstOrDefault() as ParagraphBlock;
        var lines = paragraph is null ? [] : Source(paragraph).Split('\n');
        var read = ReadMark(item);
        var text = read.Rest.Trim();
        string? jump = null;
        var jumpMatch = JumpAtEnd().Match(text);
        if (jumpMatch.Success)
        {
            jump = jumpMatch.Groups["target"].Value;
            text = text[..jumpMatch.Index].TrimEnd();
        }
        if (text.Length == 0 && read.State == MarkState.Valid)
            Error(LineOf(item), $"Choice {number} has a mark but no text.", "Write what the learner would do or answer after the mark, on the same line.");

        var feedbackLines = lines.Skip(1).Select(l => l.Trim()).ToList();
        for (var i = 0; i < feedbackLines.Count; i++)
            if (JumpAtEnd().IsMatch(feedbackLines[i]))
                Error(LineOf(item) + 1 + i, "A jump '-> ...' must be at the end of the choice's first line; here it is read as feedback.",
                    "Write the whole choice on one line ending with the jump, e.g. '- [3] Welcome her by name. -> room'.");

        var feedback = new StringBuilder();
        if (feedbackLines.Count > 0) feedback.Append(RenderText(string.Join('\n', feedbackLines), inline: false));
        var rest = item.Skip(paragraph is null ? 0 : 1).ToList();
        // "> why" and an indented paragraph are two ways to write the same feedback; unwrapping the quote gives
        // the page one shape of HTML to style whichever the trainer chose.
        if (feedbackLines.Count == 0 && rest is [QuoteBlock quote]) rest = quote.ToList();
        if (rest.Count > 0) feedback.Append(MarkdownRenderer.Render(rest, _mediaBase));

        return new QuizChoice(number, text.Length == 0 ? "" : RenderText(text, inline: true), read.Mark, jump, feedback.ToString());
    }

    private void CheckMarks(string stepId, int stepLine, List<QuizChoice> choices, List<int> choiceLines)
    {
        var weighted = choices.FindIndex(c => c.Mark.Kind == MarkKind.Weighted);
        var rightOrWrong = choices.FindIndex(c => c.Mark.Kind != MarkKind.Weighted);
        if (weighted >= 0 && rightOrWrong >= 0)
        {
            Error(choiceLines[Math.Max(weighted, rightOrWrong)], $"Step '{stepId}' mixes '[x]' and '[ ]' with weights '[0]' to '[3]'.",
                "Use '[x]' and '[ ]' for a question with a right answer, or weights for a judgment call, not both in one step.");
            return;
        }
        if (weighted >= 0 && choices.All(c => c.Mark.Weight == 0))
            Error(stepLine, $"Every choice of step '{stepId}' is weighted '[0]', so no choice earns marks.",
                "Give the best choice '[3]', and good or weak ones '[2]' or '[1]'.");
        if (weighted < 0 && choices.All(c => c.Mark.Kind == MarkKind.Wrong))
            Error(stepLine, $"Step '{stepId}' has no right answer: every choice is marked '[ ]'.",
                "Mark the right choice with '[x]' (several '[x]' let the learner pick more than one).");
    }

    /// <summary>Renders a choice's text or feedback written on lines of its own. Read alone, a text such as
    /// "1. Ask" or "# rooms" would become a list or a heading; in the file it was part of a paragraph, so it is
    /// kept one.</summary>
    private string RenderText(string markdown, bool inline)
    {
        var paragraph = SingleParagraph(markdown) ?? SingleParagraph(EscapeBlockStarts().Replace(markdown, @"$1\$2"));
        if (paragraph is null)
        {
            var encoded = WebUtility.HtmlEncode(markdown);
            return inline ? encoded : $"<p>{encoded}</p>\n";
        }
        var html = MarkdownRenderer.Render([paragraph], _mediaBase);
        return inline && html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>\n", StringComparison.Ordinal)
            ? html["<p>".Length..^"</p>\n".Length]
            : html;
    }

    private ParagraphBlock? SingleParagraph(string markdown) =>
        MarkdownRenderer.Parse(markdown + _references).Where(b => b is not LinkReferenceDefinitionGroup).ToList() is [ParagraphBlock p] ? p : null;

    /// <summary>A slug of the title: lower-case ASCII letters and digits joined by '-', accents dropped
    /// ("L'arrivée" gives <c>l-arrivee</c>). A title with none of those gives <c>step-N</c>.</summary>
    internal static string Slug(string title, int index)
    {
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(lower);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        return result.Length > 0 && result != QuizChoice.End ? result : $"step-{index + 1}";
    }

    private string Source(Block block) => Body.Substring(block.Span.Start, block.Span.Length);

    /// <summary>Markdig counts lines from 0 within the body; trainers count from 1 within the file.</summary>
    private int LineOf(Block block) => _front.BodyLine + block.Line;

    private void Error(int line, string message, string fix) => _errors.Add(new ContentError(_front.File, line, message, fix));

    [GeneratedRegex(@"^(?<token>\[(?<inside>[^\]\n]{0,5})\])(?<rest>.*)$")]
    private static partial Regex MarkToken();

    [GeneratedRegex(@"^\s*([xX]|\d)?\s*$")]
    private static partial Regex LooksLikeMark();

    /// <summary><c>-&gt; id</c> at the end of a line, after a space; <c>\-&gt;</c> lets a trainer write an arrow as text.</summary>
    [GeneratedRegex(@"(?:^|\s+)->\s*(?<target>\S+)\s*$")]
    private static partial Regex JumpAtEnd();

    /// <summary>The start of a line that would open a block (heading, quote, list, fence, rule, table) instead of
    /// continuing a paragraph; a backslash before its mark keeps it text.</summary>
    [GeneratedRegex(@"^(\d*)([#>+*=|`~_-]|(?<=\d)[.)])", RegexOptions.Multiline)]
    private static partial Regex EscapeBlockStarts();
}
