namespace Academy.Domain.Content;

/// <summary>A problem in a content file, with what a trainer must do about it.</summary>
/// <param name="File">Path relative to the content root, with '/' separators.</param>
/// <param name="Line">1-based line in that file.</param>
public sealed record ContentError(string File, int Line, string Message, string Fix)
{
    public override string ToString() => $"{File}:{Line}: {Message} Fix: {Fix}";
}

/// <summary>A content file as read from disk or from the browser editor.</summary>
/// <param name="Path">Relative to the content root, '/' separators, e.g. <c>modules/refunds/module.md</c>.</param>
public sealed record SourceFile(string Path, string Text);
