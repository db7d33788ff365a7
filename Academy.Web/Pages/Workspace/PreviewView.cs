using Academy.Domain.Content;

namespace Academy.Web.Pages.Workspace;

/// <summary>What the editor's preview shows: the parse result and the text it came from, line by line.</summary>
/// <param name="Program">A program's module list with each module's status; <c>null</c> for other files.</param>
public sealed record PreviewView(ParsedFile Result, string Markdown, ProgramOutline? Program = null)
{
    public IReadOnlyList<string> Lines { get; } = Markdown.ReplaceLineEndings("\n").Split('\n');

    public ILookup<int, ContentError> ErrorsByLine { get; } = Result.Errors.ToLookup(e => e.Line);
}
