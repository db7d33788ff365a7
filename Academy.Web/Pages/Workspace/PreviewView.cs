using Academy.Domain.Content;

namespace Academy.Web.Pages.Workspace;

/// <summary>What the editor's preview shows: the parse result and the text it came from, line by line.</summary>
public sealed record PreviewView(ParsedFile Result, string Markdown)
{
    public IReadOnlyList<string> Lines { get; } = Markdown.ReplaceLineEndings("\n").Split('\n');

    public ILookup<int, ContentError> ErrorsByLine { get; } = Result.Errors.ToLookup(e => e.Line);
}
