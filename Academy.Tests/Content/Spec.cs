using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>Shorthands for the content spec tests: Markdown in, a parsed document or errors out.</summary>
internal static class Spec
{
    public const string WarmWelcome = "modules/warm-welcome/module.md";

    /// <summary>A standards.md that defines <c>warm-welcome</c> and <c>listen-first</c>.</summary>
    public const string Standards = """
        ---
        title: Service standards
        ---
        ## The warm welcome {#warm-welcome}
        Every customer is acknowledged within ten seconds.

        ## Listen before acting {#listen-first}
        Let the customer finish, then say back what you understood.
        """;

    /// <summary>A module with the two required keys and one lesson.</summary>
    public const string MinimalModule = """
        ---
        title: The warm welcome
        kind: behavioral
        ---
        ## The first ten seconds
        Acknowledge every customer.
        """;

    public static ParsedFile Parse(string path, string text) => ContentParser.Parse(new SourceFile(path, text));

    public static IReadOnlyList<ParsedFile> ParseAll(params (string Path, string Text)[] files) =>
        ContentParser.ParseAll(files.Select(f => new SourceFile(f.Path, f.Text)));

    public static ParsedFile In(this IReadOnlyList<ParsedFile> files, string path) => Assert.Single(files, f => f.Path == path);

    /// <summary>The document of a file that must parse, failing with its errors (file, line, fix) when it does not.</summary>
    public static T Document<T>(this ParsedFile file)
    {
        Assert.True(file.Ok, "Expected no error, got:\n" + string.Join("\n", file.Errors));
        return Assert.IsType<T>(file.Document);
    }

    /// <summary>Asserts that the file has exactly one error, on <paramref name="line"/> of the file itself, whose
    /// message contains <paramref name="message"/> (and fix contains <paramref name="fix"/>), and no document.</summary>
    public static ContentError SingleError(this ParsedFile file, int line, string message, string? fix = null)
    {
        Assert.Null(file.Document);
        var error = Assert.Single(file.Errors);
        Assert.Equal(file.Path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
        if (fix is not null) Assert.Contains(fix, error.Fix);
        return error;
    }
}
