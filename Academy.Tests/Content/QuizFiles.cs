using Academy.Domain.Content;
using Academy.Domain.Quizzes;

namespace Academy.Tests.Content;

/// <summary>Parses quiz Markdown written inline in a test, so that each example sits beside what it must give.
/// The test files write whole files, front matter included, so the line numbers in errors can be read off them.</summary>
internal static class QuizFiles
{
    public const string Path = "modules/warm-welcome/check.quiz.md";

    public static (QuizDocument? Document, IReadOnlyList<ContentError> Errors) Read(string markdown) =>
        QuizParser.Parse(new SourceFile(Path, markdown), "warm-welcome", "check", "en");

    /// <summary>A file that must parse; the errors show in the failure message when it does not.</summary>
    public static QuizDocument Parse(string markdown)
    {
        var (document, errors) = Read(markdown);
        Assert.True(errors.Count == 0, "Unexpected errors:\n" + string.Join("\n", errors));
        Assert.NotNull(document);
        return document;
    }

    /// <summary>A file with exactly one error; the document must be withheld.</summary>
    public static ContentError SingleError(string markdown)
    {
        var (document, errors) = Read(markdown);
        Assert.Null(document);
        Assert.True(errors.Count == 1, "Expected one error, got:\n" + string.Join("\n", errors));
        Assert.Equal(Path, errors[0].File);
        return errors[0];
    }

    /// <summary>A file with at least one error; the document must be withheld.</summary>
    public static IReadOnlyList<ContentError> Errors(string markdown)
    {
        var (document, errors) = Read(markdown);
        Assert.Null(document);
        Assert.NotEmpty(errors);
        return errors;
    }
}
