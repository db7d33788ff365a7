using System.Globalization;
using Academy.Domain.Practice;
using Markdig.Syntax;

namespace Academy.Domain.Content;

/// <summary>The reader of <c>lineup.md</c>, the daily line-up's rotation.</summary>
public static partial class ContentParser
{
    private static readonly string[] LineupKeys = ["title", "working-days", "start"];
    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private const string DateFormat = "yyyy-MM-dd";

    private static Reading ReadLineup(SourceFile file, ContentPath location, int lastLine)
    {
        var errors = new List<ContentError>();
        var front = FrontMatter.Parse(file.Path, file.Text, errors);
        if (front is null) return new Reading(Failed(file, location, errors), location, lastLine);
        front.RejectUnknownKeys(LineupKeys, errors);
        front.String("title", required: false, errors);
        var workingDays = ReadWorkingDays(front, errors);
        var start = LineupRules.DefaultStart;
        if (front.String("start", required: false, errors) is { } startText)
        {
            if (DateOnly.TryParseExact(startText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) start = date;
            else
                errors.Add(new ContentError(file.Path, front.LineOf("start"), $"'{startText}' is not a date.",
                    "Write the day the cycle starts as year-month-day, e.g. 'start: 2026-01-05'."));
        }

        var references = new List<Located>();
        var cycle = new List<string>();
        var calendar = new List<LineupDay>();
        var calendarLines = new Dictionary<DateOnly, int>();
        var body = MarkdownRenderer.Parse(front.Body);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (heading, blocks) in Sections(body).Skip(1))
        {
            var line = front.BodyLine + heading!.Line;
            var name = MarkdownRenderer.PlainText(heading).Trim();
            var section = name.ToLowerInvariant();
            if (section is not ("cycle" or "calendar"))
            {
                errors.Add(new ContentError(file.Path, line, $"'{name}' is not a section of lineup.md.",
                    "lineup.md has two sections: '## Cycle' (a numbered list of standard ids) and '## Calendar' (lines '- 2026-12-24: warm-welcome')."));
                continue;
            }
            if (!seen.Add(section))
            {
                errors.Add(new ContentError(file.Path, line, $"The section '{name}' is written twice.", "Merge the two lists into one section."));
                continue;
            }
            var items = blocks.OfType<ListBlock>().SelectMany(l => l.OfType<ListItemBlock>()).ToList();
            if (items.Count == 0)
                errors.Add(new ContentError(file.Path, line, $"The section '{name}' has no list.", section == "cycle"
                    ? "Write one standard id per line, in order: '1. warm-welcome', then '2. listen-first', and so on; or remove the section to go over every standard in order."
                    : "Write one day per line: '- 2026-12-24: warm-welcome'; or remove the section."));
            foreach (var item in items)
            {
                var itemLine = front.BodyLine + item.Line;
                var text = string.Join(' ', item.Descendants<LeafBlock>().Select(MarkdownRenderer.PlainText)).Trim();
                if (section == "cycle")
                {
                    if (!MarkdownRenderer.IsValidId(text))
                        errors.Add(new ContentError(file.Path, itemLine, text.Length == 0 ? "This item of the cycle is empty." : $"'{text}' is not a standard id.",
                            "Write only the standard's id, as in standards.md, e.g. '1. warm-welcome'."));
                    else
                    {
                        cycle.Add(text);
                        references.Add(new Located(text, itemLine));
                    }
                    continue;
                }
                var colon = text.IndexOf(':');
                var dateText = colon < 0 ? text : text[..colon].Trim();
                var id = colon < 0 ? "" : text[(colon + 1)..].Trim();
                if (!DateOnly.TryParseExact(dateText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    errors.Add(new ContentError(file.Path, itemLine, $"'{text}' does not start with a date.",
                        "Write the day as year-month-day, a colon, then the standard's id: '- 2026-12-24: warm-welcome'."));
                else if (!MarkdownRenderer.IsValidId(id))
                    errors.Add(new ContentError(file.Path, itemLine, id.Length == 0 ? $"The day {dateText} names no standard." : $"'{id}' is not a standard id.",
                        $"Write the standard's id after the colon, as in standards.md: '- {dateText}: warm-welcome'."));
                else if (calendarLines.TryGetValue(day, out var first))
                    errors.Add(new ContentError(file.Path, itemLine, $"The day {dateText} is in the calendar twice: on line {first} and on line {itemLine}.",
                        "Give each day one standard: remove one of the two lines."));
                else
                {
                    calendarLines[day] = itemLine;
                    calendar.Add(new LineupDay(day, id));
                    references.Add(new Located(id, itemLine));
                }
            }
        }

        var document = errors.Count == 0 ? new LineupDocument(cycle, [.. calendar.OrderBy(d => d.Date)], workingDays, start) : null;
        return new Reading(Result(file, location, document, errors), location, lastLine) { References = references };
    }

    private static IReadOnlyList<DayOfWeek> ReadWorkingDays(FrontMatter front, List<ContentError> errors)
    {
        if (front.List("working-days", errors) is not { } names) return LineupRules.DefaultWorkingDays;
        var days = new List<DayOfWeek>();
        foreach (var name in names)
        {
            var index = Array.IndexOf(DayNames, name.ToLowerInvariant());
            if (index < 0)
                errors.Add(new ContentError(front.File, front.LineOf("working-days"), $"'{name}' is not a day of the week.",
                    Suggest.Nearest(name.ToLowerInvariant(), DayNames) is { } nearest
                        ? $"Did you mean '{nearest}'? Write the days in English: 'working-days: [monday, tuesday, wednesday, thursday, friday]'."
                        : "Write the days in English: 'working-days: [monday, tuesday, wednesday, thursday, friday]'."));
            else if (!days.Contains((DayOfWeek)((index + 1) % 7)))
                days.Add((DayOfWeek)((index + 1) % 7));
        }
        return days.Count > 0 || errors.Count > 0 ? [.. days.Order()] : LineupRules.DefaultWorkingDays;
    }
}
