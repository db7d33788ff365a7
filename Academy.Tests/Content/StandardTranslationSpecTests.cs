using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "Translations": <c>standards.fr.md</c> (any <c>standards.&lt;lang&gt;.md</c>) gives the
/// standards of standards.md a title and a description in French, under the same ids; frames stay in standards.md.</summary>
public sealed class StandardTranslationSpecTests
{
    private const string French = "standards.fr.md";

    private const string Translation = """
        ---
        title: Standards de service
        ---
        ## L’accueil chaleureux {#warm-welcome}
        Chaque client est salué dans les dix secondes.
        """;

    [Fact]
    public void Translation_GivesTheTitleAndDescriptionOfEachStandardItTranslates()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (French, Translation));

        var file = files.In(French);
        Assert.Equal((ContentKind.Standards, "standards", "fr"), (file.Kind, file.DocumentId, file.Language));
        var catalogue = file.Document<StandardsDocument>();
        Assert.Equal("fr", catalogue.Language);
        Assert.Equal("Standards de service", catalogue.Title);
        var welcome = Assert.Single(catalogue.Standards);
        Assert.Equal(("warm-welcome", "L’accueil chaleureux", "<p>Chaque client est salué dans les dix secondes.</p>\n"), (welcome.Id, welcome.Title, welcome.Html));
        Assert.Equal("en", files.In("standards.md").Document<StandardsDocument>().Language);
    }

    [Fact]
    public void Standard_IsInItsTranslation_AndInEnglish_WhenTheTranslationLeavesItOut()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (French, Translation));
        var translation = files.In(French).Document<StandardsDocument>();

        var standards = files.In("standards.md").Document<StandardsDocument>().Standards.Select(s => s.WithTranslations([translation])).ToList();

        var (welcome, listen) = (standards[0], standards[1]);
        Assert.Equal(("L’accueil chaleureux", "<p>Chaque client est salué dans les dix secondes.</p>\n", "fr"),
            (welcome.TitleIn("fr"), welcome.HtmlIn("fr"), welcome.LanguageIn("fr")));
        Assert.Equal(("The warm welcome", "en"), (welcome.TitleIn("en"), welcome.LanguageIn("en")));
        Assert.Equal(("The warm welcome", "en"), (welcome.TitleIn("de"), welcome.LanguageIn("de")));
        // listen-first is not in standards.fr.md: not an error, shown in English.
        Assert.Equal(("Listen before acting", "<p>Let the customer finish, then say back what you understood.</p>\n", "en"),
            (listen.TitleIn("fr"), listen.HtmlIn("fr"), listen.LanguageIn("fr")));
    }

    [Fact]
    public void Translation_IsAnErrorWithTheNearestId_WhenStandardsMdHasNotItsId()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (French, """
            ---
            title: Standards de service
            ---
            ## L’accueil chaleureux {#warm-welcome}
            Chaque client est salué.

            ## Écouter avant d’agir {#listen-frist}
            Laissez le client finir.
            """));

        var error = files.In(French).SingleError(7, "Unknown standard 'listen-frist'", "Did you mean 'listen-first'?");
        Assert.Contains("ids of standards.md", error.Fix);
        Assert.True(files.In("standards.md").Ok);
    }

    [Fact]
    public void Translation_IsAnError_WhenItTranslatesAStandardTwice()
    {
        var file = Spec.Parse(French, """
            ---
            title: Standards de service
            ---
            ## L’accueil chaleureux {#warm-welcome}
            Chaque client est salué.

            ## Un accueil chaleureux {#warm-welcome}
            Chaque client est accueilli.
            """);

        file.SingleError(7, "'warm-welcome' is used twice: on line 4 and on line 7", "Translate each standard once");
    }

    [Fact]
    public void Translation_IsAnError_WhenItHasAFrame_WhichIsWrittenInStandardsMd()
    {
        var file = Spec.Parse(French, """
            ---
            title: Standards de service
            ---
            ## L’accueil chaleureux {#warm-welcome}
            Chaque client est salué.

            Frame: Vous pouvez quitter une tâche pour accueillir un client.
            """);

        file.SingleError(7, "the frame of 'warm-welcome' in 'fr' is written in standards.md", "Move this line to standards.md, below the English frame of 'warm-welcome', as 'Frame (fr): …'");
    }

    [Fact]
    public void Translation_IsAnErrorOnItsFirstLine_WithoutStandardsMd()
    {
        var files = Spec.ParseAll((French, Translation));

        files.In(French).SingleError(1, "no standards.md beside it", "Add standards.md");
    }

    [Fact]
    public void TranslationFile_IsNotContent_WhenItNamesTheDefaultLanguage()
    {
        var file = Spec.Parse("standards.en.md", Spec.Standards);

        file.SingleError(1, "not a content file", "name this file 'standards.md'");
    }

    [Fact]
    public void TranslationFile_IsAnyTwoLetterLanguage_WhenNamedStandardsLangMd()
    {
        var file = Spec.Parse("standards.de.md", "---\ntitle: Servicestandards\n---\n## Der herzliche Empfang {#warm-welcome}\nJeder Kunde wird begrüßt.\n");

        Assert.Equal("de", file.Language);
        Assert.Equal("de", file.Document<StandardsDocument>().Language);
    }
}
