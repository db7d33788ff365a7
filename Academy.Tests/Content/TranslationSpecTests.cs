using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md: <c>modules/&lt;id&gt;/module.fr.md</c> is the same module in French (any
/// <c>module.&lt;lang&gt;.md</c>); the default-language file owns the metadata.</summary>
public sealed class TranslationSpecTests
{
    private const string French = "modules/warm-welcome/module.fr.md";

    private const string English = """
        ---
        title: The warm welcome
        kind: technical
        standards: [warm-welcome]
        minutes: 20
        refresher: 1 year
        audience: [Front Desk]
        ---
        The first seconds decide everything.

        ## The first ten seconds
        Look up.

        ## Names
        Use the name.
        """;

    [Fact]
    public void Translation_NeedsOnlyATitle_WhenParsedOnItsOwn()
    {
        var file = Spec.Parse(French, """
            ---
            title: L'accueil chaleureux
            ---
            Les premières secondes décident de tout.

            ## Les dix premières secondes
            Levez les yeux.
            """);

        Assert.Equal(ContentKind.Module, file.Kind);
        Assert.Equal("warm-welcome", file.DocumentId);
        Assert.Equal("fr", file.Language);
        var module = file.Document<ModuleDocument>();
        Assert.Equal("warm-welcome", module.Id);
        Assert.Equal("fr", module.Language);
        Assert.Equal("L'accueil chaleureux", module.Title);
        Assert.Equal("<p>Les premières secondes décident de tout.</p>\n", module.IntroHtml);
        Assert.Equal([new Lesson(1, "Les dix premières secondes", "<p>Levez les yeux.</p>\n")], module.Lessons);
    }

    [Fact]
    public void Translation_TakesKindStandardsMinutesRefresherAndAudienceFromTheDefaultLanguage_WhenParsedWithIt()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (Spec.WarmWelcome, English), (French, """
            ---
            title: L'accueil chaleureux
            kind: behavioral
            minutes: 25
            ---
            ## Les dix premières secondes
            Levez les yeux.

            ## Le nom
            Utilisez le nom.
            """));

        var module = files.In(French).Document<ModuleDocument>();
        Assert.Equal("L'accueil chaleureux", module.Title);
        Assert.Equal(ModuleKind.Technical, module.Kind);
        Assert.Equal(["warm-welcome"], module.Standards);
        Assert.Equal(20, module.Minutes);
        Assert.Equal(new Validity(1, ValidityUnit.Years), module.Refresher);
        Assert.Equal(["Front Desk"], module.Audience.Groups);
        Assert.Equal(["Les dix premières secondes", "Le nom"], module.Lessons.Select(l => l.Title));
    }

    [Fact]
    public void Translation_IsAnError_WhenTitleIsMissing()
    {
        var file = Spec.Parse(French, """
            ---
            kind: behavioral
            ---
            ## Les dix premières secondes
            Levez les yeux.
            """);

        file.SingleError(3, "required key 'title' is missing");
    }

    [Fact]
    public void Translation_IsAnError_WhenItsOptionalKindIsMistyped()
    {
        var file = Spec.Parse(French, """
            ---
            title: L'accueil chaleureux
            kind: comportemental
            ---
            ## Les dix premières secondes
            Levez les yeux.
            """);

        file.SingleError(3, "Unknown kind 'comportemental'", "'behavioral'");
    }

    [Fact]
    public void Translation_IsAnErrorOnItsFirstLine_WhenTheFolderHasNoModuleMd()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (French, """
            ---
            title: L'accueil chaleureux
            ---
            ## Les dix premières secondes
            Levez les yeux.
            """));

        files.In(French).SingleError(1, "no module.md beside it", "Add modules/warm-welcome/module.md");
    }

    [Fact]
    public void Translation_IsAnErrorAtItsEnd_WhenItHasFewerLessonsThanTheDefaultLanguage()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (Spec.WarmWelcome, English), (French, """
            ---
            title: L'accueil chaleureux
            ---
            ## Les dix premières secondes
            Levez les yeux.

            """));

        // The last line with text: a final line break does not start another line.
        files.In(French).SingleError(5, "has 1 lessons but module.md has 2", "lesson 2, 'Names', is missing");
        Assert.True(files.In(Spec.WarmWelcome).Ok);
    }

    [Fact]
    public void Translation_IsAnErrorAtTheFirstExtraLesson_WhenItHasMoreLessonsThanTheDefaultLanguage()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (Spec.WarmWelcome, English), (French, """
            ---
            title: L'accueil chaleureux
            ---
            ## Les dix premières secondes
            Levez les yeux.

            ## Le nom
            Utilisez le nom.

            ## Bonus
            En plus.

            ## Encore
            Encore plus.
            """));

        files.In(French).SingleError(10, "has 4 lessons but module.md has 2", "remove this lesson, or add it to module.md too");
    }

    [Fact]
    public void TranslationFile_IsNotContent_WhenItNamesTheDefaultLanguage()
    {
        var file = Spec.Parse("modules/warm-welcome/module.en.md", Spec.MinimalModule);

        file.SingleError(1, "not a content file", "name this file 'module.md'");
    }

    [Theory]
    [InlineData("modules/warm-welcome/module.de.md", "de")]
    [InlineData("modules/warm-welcome/module.es.md", "es")]
    public void TranslationFile_IsAnyTwoLetterLanguage_WhenNamedModuleLangMd(string path, string language)
    {
        var file = Spec.Parse(path, Spec.MinimalModule);

        Assert.Equal(language, file.Language);
        Assert.Equal(language, file.Document<ModuleDocument>().Language);
    }
}
