using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>Text that Markdig cannot read, or reads only in time that grows with the square of its size, is an error of
/// its own file, on its line, with the fix: the other files are read as usual, so the site starts and the editor answers.</summary>
public sealed class ParserLimitsSpecTests
{
    private const string Front = "---\ntitle: Deep\nkind: behavioral\n---\n## The lesson\n";

    /// <summary>The paragraph of the report: 5,000 lines with no blank line made Markdig throw "too deeply nested"
    /// after about 15 s, and the site exited at start.</summary>
    public static readonly string LongParagraph = string.Concat(Enumerable.Repeat("**x** [l](http://x.test) _y_\n", 5000));

    [Fact]
    public void LongParagraph_IsAnErrorOfItsFileOnItsFirstLine_AndTheOtherFilesAreRead()
    {
        var files = Spec.ParseAll(
            ("standards.md", Spec.Standards),
            ("modules/deep/module.md", Front + "Fine.\n\n" + LongParagraph),
            (Spec.WarmWelcome, Spec.MinimalModule),
            ("programs/onboarding.md", "---\ntitle: Onboarding\n---\n1. warm-welcome\n2. deep\n"));

        var error = files.In("modules/deep/module.md").SingleError(8, "This paragraph is too long for Academy to read");
        Assert.Contains("more than 2,000 marks", error.Message);
        Assert.Contains("a blank line ends a paragraph", error.Fix);
        Assert.True(files.In(Spec.WarmWelcome).Ok);
        // The module is known by its folder, so the program that lists it is not at fault.
        Assert.Equal(["warm-welcome", "deep"], files.In("programs/onboarding.md").Document<ProgramDocument>().ModuleIds);
    }

    [Fact]
    public void LongParagraph_IsAnErrorOfTheQuiz_WhenInAQuizStep()
    {
        var quiz = Spec.Parse("modules/warm-welcome/check.quiz.md", "---\ntitle: Check\n---\n## Arrival {#arrival}\n" + LongParagraph + "\n- [x] Greet\n- [ ] Wait\n");

        quiz.SingleError(5, "This paragraph is too long for Academy to read");
    }

    [Fact]
    public void SameText_IsReadAsUsual_WhenBlankLinesSplitItIntoParagraphs()
    {
        var module = Spec.Parse("modules/deep/module.md", Front + LongParagraph.Replace("\n", "\n\n", StringComparison.Ordinal)).Document<ModuleDocument>();

        Assert.Equal(5000, module.Lessons.Single().Html.Split("<p>").Length - 1);
    }

    [Fact]
    public void Paragraph_IsRead_WhenItHasAsManyMarksAsAllowed()
    {
        // Four runs of marks and one '[' per line: 400 lines are the limit exactly.
        var paragraph = string.Concat(Enumerable.Repeat("**x** [l](https://x.test) _y_\n", MarkdownRenderer.MaxMarksPerParagraph / 5));

        var module = Spec.Parse("modules/deep/module.md", Front + paragraph).Document<ModuleDocument>();

        Assert.Equal(400, module.Lessons.Single().Html.Split("<strong>").Length - 1);
        Spec.Parse("modules/deep/module.md", Front + paragraph + "one more *mark*\n").SingleError(6, "too long");
    }

    [Theory]
    [InlineData("Intro.\n\n" + "> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > deep\n", 8)]
    [InlineData("Intro.\n\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x\n", 8)]
    public void DeepNesting_IsAnErrorOnItsLine_WhenBeyondWhatAcademyShows(string markdown, int line)
    {
        var file = Spec.Parse("modules/deep/module.md", Front + markdown);

        // Either limit may meet the text first; both name the line and say what to do.
        var error = Assert.Single(file.Errors);
        Assert.Equal(line, error.Line);
        Assert.Null(file.Document);
    }

    [Fact]
    public void DeepNesting_IsAnErrorOnItsLine_WhenListsNestDozensOfLevels()
    {
        var list = string.Concat(Enumerable.Range(0, 80).Select(i => new string(' ', i * 2) + "- level\n"));

        var error = Spec.Parse("modules/deep/module.md", Front + "Intro.\n\n" + list).SingleError(8 + MarkdownRenderer.MaxNesting / 2, "nested too deeply");

        Assert.Contains("Nest less", error.Fix);
    }

    [Fact]
    public void DeepEmphasis_IsAnErrorOfTheFile_InsteadOfFailingWhenRendered()
    {
        // Under the marks limit, but emphasis inside emphasis 100 levels deep: Markdig's renderer gives up at 128 levels.
        var paragraph = string.Concat(Enumerable.Repeat("*a ", 100)) + "x" + string.Concat(Enumerable.Repeat(" a*", 100)) + "\n";

        var file = Spec.Parse("modules/deep/module.md", Front + "Intro.\n\n" + paragraph);

        Assert.Contains("nested too deeply", Assert.Single(file.Errors).Message);
        Assert.InRange(file.Errors[0].Line, 8, 8);
    }

    [Fact]
    public void NextFile_IsReadAsUsual_AfterOneWasRefused()
    {
        Spec.Parse("modules/deep/module.md", Front + LongParagraph).SingleError(6, "too long");

        var module = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule + "\nA *warm* [welcome](https://example.com).\n").Document<ModuleDocument>();

        Assert.Equal("<p>Acknowledge every customer.\nA <em>warm</em> <a href=\"https://example.com\">welcome</a>.</p>\n", module.Lessons[0].Html);
    }
}
