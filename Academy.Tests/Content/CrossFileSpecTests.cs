using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>The rules that need more than one file: modules name standards of standards.md, programs name existing
/// modules, ids are unique. Each error goes to the file where a trainer fixes it, and withdraws that file's
/// document so that it is not published.</summary>
public sealed class CrossFileSpecTests
{
    private const string Onboarding = "programs/onboarding.md";

    private const string ModuleWithStandards = """
        ---
        title: The warm welcome
        kind: behavioral
        standards: [warm-welcome, listen-frist]
        ---
        ## The first ten seconds
        Look up.
        """;

    private const string Program = """
        ---
        title: Onboarding
        ---
        Welcome aboard.

        1. warm-welcome
        2. listen-frist
        3. complaints
        """;

    [Fact]
    public void ParseAll_PublishesEveryFile_WhenAllReferencesResolve()
    {
        var files = Spec.ParseAll(
            ("standards.md", Spec.Standards),
            (Spec.WarmWelcome, ModuleWithStandards.Replace("listen-frist", "listen-first")),
            ("modules/listen-first/module.md", Spec.MinimalModule),
            (Onboarding, "---\ntitle: Onboarding\n---\n1. warm-welcome\n2. listen-first\n"));

        Assert.All(files, f => Assert.True(f.Ok, string.Join("\n", f.Errors)));
        Assert.Equal(["standards.md", Spec.WarmWelcome, "modules/listen-first/module.md", Onboarding], files.Select(f => f.Path));
        Assert.Equal(["warm-welcome", "listen-first"], files.In(Spec.WarmWelcome).Document<ModuleDocument>().Standards);
        Assert.Equal(["warm-welcome", "listen-first"], files.In(Onboarding).Document<ProgramDocument>().ModuleIds);
    }

    [Fact]
    public void ModuleStandard_IsAnErrorAtTheStandardsKeySuggestingTheNearest_WhenNotInStandardsMd()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (Spec.WarmWelcome, ModuleWithStandards));

        var error = files.In(Spec.WarmWelcome).SingleError(4, "Unknown standard 'listen-frist'.");
        Assert.Equal("Did you mean 'listen-first'? Standards are defined in standards.md.", error.Fix);
        Assert.True(files.In("standards.md").Ok);
    }

    [Fact]
    public void ModuleStandard_IsAnErrorWithoutSuggestion_WhenNothingIsNear()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (Spec.WarmWelcome, ModuleWithStandards.Replace("listen-frist", "upselling")));

        files.In(Spec.WarmWelcome).SingleError(4, "Unknown standard 'upselling'.", "No standard has this id");
    }

    [Fact]
    public void ModuleStandard_IsAnErrorSayingStandardsMdIsMissing_WhenThereIsNoStandardsMd()
    {
        var files = Spec.ParseAll((Spec.WarmWelcome, ModuleWithStandards.Replace(", listen-frist", "")));

        files.In(Spec.WarmWelcome).SingleError(4, "Unknown standard 'warm-welcome'.", "standards.md, which is missing");
    }

    [Fact]
    public void ModuleStandard_IsCheckedAgainstTheValidStandards_WhenStandardsMdHasAnError()
    {
        var files = Spec.ParseAll(
            ("standards.md", Spec.Standards + "\n\n## Own the problem\nWhoever hears it owns it.\n"),
            (Spec.WarmWelcome, ModuleWithStandards));

        files.In("standards.md").SingleError(10, "'Own the problem' has no id");
        files.In(Spec.WarmWelcome).SingleError(4, "Unknown standard 'listen-frist'.");
    }

    [Fact]
    public void ModuleStandard_IsNotBlamed_WhenStandardsMdCannotBeRead()
    {
        var files = Spec.ParseAll(("standards.md", "---\ntitle: Service standards\n"), (Spec.WarmWelcome, ModuleWithStandards));

        files.In("standards.md").SingleError(1, "never closed");
        Assert.True(files.In(Spec.WarmWelcome).Ok);
    }

    [Fact]
    public void ModuleStandard_IsReportedWithTheModulesOwnErrors_WhenTheModuleAlsoHasThem()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), (Spec.WarmWelcome, ModuleWithStandards.Replace("kind: behavioral", "kind: nice")));

        Assert.Equal([(3, "Unknown kind 'nice'."), (4, "Unknown standard 'listen-frist'.")],
            files.In(Spec.WarmWelcome).Errors.Select(e => (e.Line, e.Message)));
    }

    [Fact]
    public void ProgramModule_IsAnErrorAtItsItemLineSuggestingTheNearest_WhenNoModuleHasTheId()
    {
        var files = Spec.ParseAll(
            (Spec.WarmWelcome, Spec.MinimalModule),
            ("modules/listen-first/module.md", Spec.MinimalModule),
            (Onboarding, Program));

        var program = files.In(Onboarding);
        Assert.Null(program.Document);
        Assert.Collection(program.Errors,
            e =>
            {
                Assert.Equal((Onboarding, 7, "Unknown module 'listen-frist'."), (e.File, e.Line, e.Message));
                Assert.Equal("Did you mean 'listen-first'? A module's id is the name of its folder under modules/.", e.Fix);
            },
            e =>
            {
                Assert.Equal((Onboarding, 8, "Unknown module 'complaints'."), (e.File, e.Line, e.Message));
                Assert.Contains("No module has this id", e.Fix);
            });
        Assert.True(files.In(Spec.WarmWelcome).Ok);
    }

    [Fact]
    public void ProgramModule_Exists_WhenTheModuleHasErrorsOfItsOwn()
    {
        var files = Spec.ParseAll(
            (Spec.WarmWelcome, "---\ntitle: The warm welcome\n---\n## The first ten seconds\nLook up.\n"),
            (Onboarding, "---\ntitle: Onboarding\n---\n1. warm-welcome\n"));

        files.In(Spec.WarmWelcome).SingleError(3, "required key 'kind' is missing");
        Assert.True(files.In(Onboarding).Ok);
    }

    [Fact]
    public void ProgramModule_DoesNotCountTranslations_WhenOnlyATranslationHasTheId()
    {
        var files = Spec.ParseAll(
            ("modules/listen-first/module.fr.md", Spec.MinimalModule),
            (Onboarding, "---\ntitle: Onboarding\n---\n1. listen-first\n"));

        files.In(Onboarding).SingleError(4, "Unknown module 'listen-first'.");
        files.In("modules/listen-first/module.fr.md").SingleError(1, "no module.md beside it");
    }

    [Fact]
    public void DocumentId_IsAnErrorOnTheSecondFile_WhenTwoFilesHaveTheSameId()
    {
        var files = ContentParser.ParseAll([new SourceFile(Spec.WarmWelcome, Spec.MinimalModule), new SourceFile(Spec.WarmWelcome, Spec.MinimalModule)]);

        Assert.True(files[0].Ok);
        files[1].SingleError(1, $"'warm-welcome' is already the id of {Spec.WarmWelcome}.", "its own id");
    }

    [Fact]
    public void Quiz_IsAnError_WhenItsFolderHasNoModuleMd()
    {
        var files = Spec.ParseAll(("modules/warm-welcome/late-arrival.quiz.md", LayoutSpecTests.Quiz));

        files.In("modules/warm-welcome/late-arrival.quiz.md").SingleError(1, "no module.md in modules/warm-welcome/", "add modules/warm-welcome/module.md");
    }

    [Fact]
    public void QuizTranslation_IsAnError_WhenTheDefaultLanguageQuizIsMissing()
    {
        var files = Spec.ParseAll((Spec.WarmWelcome, Spec.MinimalModule), ("modules/warm-welcome/late-arrival.quiz.fr.md", LayoutSpecTests.Quiz));

        files.In("modules/warm-welcome/late-arrival.quiz.fr.md").SingleError(1, "no late-arrival.quiz.md beside it");
    }

    [Fact]
    public void QuizAndItsTranslation_ArePublished_WhenTheModuleAndTheDefaultLanguageQuizExist()
    {
        var files = Spec.ParseAll(
            (Spec.WarmWelcome, Spec.MinimalModule),
            ("modules/warm-welcome/late-arrival.quiz.md", LayoutSpecTests.Quiz),
            ("modules/warm-welcome/late-arrival.quiz.fr.md", LayoutSpecTests.Quiz));

        Assert.All(files, f => Assert.True(f.Ok, string.Join("\n", f.Errors)));
    }
}
