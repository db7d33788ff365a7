namespace Academy.Domain.Content;

/// <summary>Markdown that Academy will not hand to Markdig's inline parser or renderer, or that Markdig gave up on:
/// see <see cref="MarkdownRenderer.MaxMarksPerParagraph"/> and <see cref="MarkdownRenderer.MaxNesting"/>. The parser
/// turns it into a content error of its file.</summary>
/// <param name="line">0-based line, in the Markdown text that was parsed, where the problem starts.</param>
public sealed class MarkdownLimitException(int line, string message, string fix, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>0-based line in the Markdown text that was parsed (a file's body: add its first line to get the file's).</summary>
    public int Line { get; } = line;

    /// <summary>What a trainer does about it, in words.</summary>
    public string Fix { get; } = fix;
}
