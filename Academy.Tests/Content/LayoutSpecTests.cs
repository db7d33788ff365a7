using Academy.Domain.Content;
using Academy.Domain.Quizzes;

namespace Academy.Tests.Content;

/// <summary>content/README.md, the folder layout: where each kind of file goes, what its path says about it, and
/// which files in the content folder are not content.</summary>
public sealed class LayoutSpecTests
{
    /// <summary>A one-question quiz, only to show where quizzes go; the quiz format has its own tests.</summary>
    public const string Quiz = """
        ---
        title: The late arrival
        ---
        ## Arrival {#arrival}
        What comes first?

        - [x] A welcome
        - [ ] The booking reference
        """;

    [Theory]
    [InlineData("standards.md", ContentKind.Standards, "standards", "en")]
    [InlineData("programs/onboarding.md", ContentKind.Program, "onboarding", "en")]
    [InlineData("modules/warm-welcome/module.md", ContentKind.Module, "warm-welcome", "en")]
    [InlineData("modules/warm-welcome/module.fr.md", ContentKind.Module, "warm-welcome", "fr")]
    [InlineData("modules/warm-welcome/late-arrival.quiz.md", ContentKind.Quiz, "warm-welcome/late-arrival", "en")]
    [InlineData("modules/warm-welcome/late-arrival.quiz.fr.md", ContentKind.Quiz, "warm-welcome/late-arrival", "fr")]
    public void Path_GivesKindIdAndLanguage_WhenItFollowsTheLayout(string path, ContentKind kind, string id, string language)
    {
        var file = Spec.Parse(path, "");

        Assert.Equal((path, kind, id, language), (file.Path, file.Kind, file.DocumentId, file.Language));
        Assert.DoesNotContain(file.Errors, e => e.Message.Contains("not a content file"));
    }

    [Fact]
    public void QuizFile_IsParsedByTheQuizParser_WhenItEndsInQuizMd()
    {
        var file = Spec.Parse("modules/warm-welcome/late-arrival.quiz.fr.md", Quiz);

        var quiz = file.Document<QuizDocument>();
        Assert.Equal(("late-arrival", "warm-welcome", "fr", "The late arrival"), (quiz.Id, quiz.ModuleId, quiz.Language, quiz.Title));
    }

    [Fact]
    public void QuizFile_IsAnErrorSuggestingAName_WhenItsNameIsNotAnId()
    {
        var file = Spec.Parse("modules/warm-welcome/Late Arrival.quiz.md", Quiz);

        file.SingleError(1, "'Late Arrival.quiz.md' does not give a valid quiz id", "'late-arrival.quiz.md'");
    }

    [Theory]
    [InlineData("notes.md", ContentKind.Standards, "Move or rename it.")]
    [InlineData("modules/warm-welcome/modules.md", ContentKind.Module, "Did you mean 'module.md'?")]
    [InlineData("modules/warm-welcome/lessons/one.md", ContentKind.Module, "modules/<id>/module.md")]
    [InlineData("modules/warm-welcome/module.french.md", ContentKind.Module, "module.fr.md")]
    [InlineData("modules/module.md", ContentKind.Module, "modules/<id>/module.md")]
    [InlineData("programs/2026/onboarding.md", ContentKind.Program, "programs/<id>.md")]
    [InlineData("modules/warm-welcome/late-arrival.quiz.en.md", ContentKind.Quiz, "name this file 'late-arrival.quiz.md'")]
    public void Path_IsAnErrorExplainingTheLayout_WhenItIsNotWhereContentGoes(string path, ContentKind kind, string fix)
    {
        var file = Spec.Parse(path, Spec.MinimalModule);

        Assert.Equal(kind, file.Kind);
        file.SingleError(1, "not a content file", fix);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("modules/warm-welcome/media/notes.md")]
    [InlineData("media/README.md")]
    public void ParseAll_SkipsTheFile_WhenItIsTheGuideOrUnderMedia(string path)
    {
        var files = Spec.ParseAll((path, "# Writing training for Academy"), (Spec.WarmWelcome, Spec.MinimalModule));

        Assert.False(ContentParser.IsContent(path));
        Assert.Equal([Spec.WarmWelcome], files.Select(f => f.Path));
        Assert.False(Spec.Parse(path, "# Writing training").Ok);
    }

    [Fact]
    public void ParseAll_ReadsTheFile_WhenAReadmeIsNotAtTheRoot()
    {
        var files = Spec.ParseAll(("modules/README.md", "# Modules"));

        Assert.True(ContentParser.IsContent("modules/README.md"));
        files.In("modules/README.md").SingleError(1, "not a content file");
    }

    [Fact]
    public void ContentFile_IsAnErrorOnLine1_WhenItHasNoFrontMatter()
    {
        var file = Spec.Parse(Spec.WarmWelcome, "## The first ten seconds\nLook up.\n");

        file.SingleError(1, "does not start with front matter", "'---'");
    }

    [Fact]
    public void ContentFile_IsAnErrorOnTheYamlLine_WhenTheFrontMatterIsNotValidYaml()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            standards: [warm-welcome
            ---
            ## The first ten seconds
            Look up.
            """);

        Assert.Null(file.Document);
        Assert.Contains(file.Errors, e => e.Line >= 4 && e.Message.Contains("not valid YAML"));
    }

    [Fact]
    public void ContentFile_IsAnErrorOnTheSecondLine_WhenAKeyIsGivenTwice()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            title: The warmest welcome
            ---
            ## The first ten seconds
            Look up.
            """);

        file.SingleError(4, "'title' is given twice");
    }

    [Fact]
    public void ContentFile_AcceptsWindowsLineBreaks_WhenLinesEndInCrLf()
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("\n", "\r\n") + "\r\n\r\n##\r\n");

        file.SingleError(8, "lesson has no title");
    }
}
