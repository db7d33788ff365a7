using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "Module (module.md)": its keys, and the body in which each <c>## heading</c>
/// starts a lesson page.</summary>
public sealed class ModuleSpecTests
{
    [Fact]
    public void Module_ParsesEveryKey_WhenAllAreGiven()
    {
        var file = Spec.Parse("modules/refunds/module.md", """
            ---
            id: refunds
            title: Processing a refund correctly
            kind: technical
            standards: [right-first-time, keep-promises]
            minutes: 20
            refresher: 1 year
            audience: [Front Desk, Customer Support, Billing]
            ---
            A refund is a promise about a customer's money.
            """ + "\n\n## Before you refund\nThree checks.\n");

        Assert.Equal(ContentKind.Module, file.Kind);
        Assert.Equal("refunds", file.DocumentId);
        Assert.Equal("en", file.Language);
        var module = file.Document<ModuleDocument>();
        Assert.Equal("refunds", module.Id);
        Assert.Equal("en", module.Language);
        Assert.Equal("Processing a refund correctly", module.Title);
        Assert.Equal(ModuleKind.Technical, module.Kind);
        Assert.Equal(["right-first-time", "keep-promises"], module.Standards);
        Assert.Equal(20, module.Minutes);
        Assert.Equal(new Validity(1, ValidityUnit.Years), module.Refresher);
        Assert.False(module.Audience.Everyone);
        Assert.Equal(["Front Desk", "Customer Support", "Billing"], module.Audience.Groups);
        Assert.Equal("<p>A refund is a promise about a customer's money.</p>\n", module.IntroHtml);
        Assert.Equal([new Lesson(1, "Before you refund", "<p>Three checks.</p>\n")], module.Lessons);
    }

    [Fact]
    public void Module_DefaultsOptionalKeys_WhenOnlyTitleAndKindAreGiven()
    {
        var module = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule).Document<ModuleDocument>();

        Assert.Equal("warm-welcome", module.Id);
        Assert.Equal(ModuleKind.Behavioral, module.Kind);
        Assert.Empty(module.Standards);
        Assert.Null(module.Minutes);
        Assert.Null(module.Refresher);
        Assert.Same(Audience.All, module.Audience);
        Assert.Equal("", module.IntroHtml);
    }

    [Fact]
    public void Module_TakesOneStandardAndListsWrittenLineByLine_WhenYamlListsAreUsed()
    {
        var module = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            standards: warm-welcome
            audience:
              - Front Desk
              - Reservations
            ---
            ## The first ten seconds
            Acknowledge every customer.
            """).Document<ModuleDocument>();

        Assert.Equal(["warm-welcome"], module.Standards);
        Assert.Equal(["Front Desk", "Reservations"], module.Audience.Groups);
    }

    [Fact]
    public void ModuleBody_StartsALessonAtEachLevelTwoHeading_WhenSubheadingsAndQuotesContainHashes()
    {
        var module = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            ---
            The first seconds decide everything.

            ## The *first* ten seconds
            Look up.

            ### At the desk
            > ## Not a lesson
            > A quote.

            ## Use `F5`, then the name
            Say it once.
            """).Document<ModuleDocument>();

        Assert.Equal("<p>The first seconds decide everything.</p>\n", module.IntroHtml);
        Assert.Collection(module.Lessons,
            l =>
            {
                Assert.Equal(1, l.Number);
                Assert.Equal("The first ten seconds", l.Title);
                Assert.Equal("<p>Look up.</p>\n<h3>At the desk</h3>\n<blockquote>\n<h2>Not a lesson</h2>\n<p>A quote.</p>\n</blockquote>\n", l.Html);
            },
            l =>
            {
                Assert.Equal(2, l.Number);
                Assert.Equal("Use F5, then the name", l.Title);
                Assert.Equal("<p>Say it once.</p>\n", l.Html);
            });
    }

    [Fact]
    public void ModuleBody_IsAnError_WhenItHasNoLesson()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            ---
            The first seconds decide everything.

            ### A subheading is not a lesson
            """);

        file.SingleError(5, "no lesson", "Add a '## Lesson title' line");
    }

    [Fact]
    public void ModuleBody_IsAnError_WhenTheFileEndsAfterTheFrontMatter()
    {
        var file = Spec.Parse(Spec.WarmWelcome, "---\ntitle: The warm welcome\nkind: behavioral\n---\n");

        file.SingleError(4, "no lesson");
    }

    [Fact]
    public void LessonHeading_IsAnErrorOnItsFileLine_WhenItHasNoTitle()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            ---
            Intro.

            ## The first ten seconds
            Look up.

            ##
            Say the name.
            """);

        file.SingleError(10, "lesson has no title");
    }

    [Fact]
    public void ModuleId_IsTheFolderName_WhenTheIdKeyIsAbsent()
    {
        var file = Spec.Parse("modules/listen-first/module.md", Spec.MinimalModule);

        Assert.Equal("listen-first", file.DocumentId);
        Assert.Equal("listen-first", file.Document<ModuleDocument>().Id);
    }

    [Fact]
    public void ModuleId_IsAnErrorSuggestingToRenameTheFolder_WhenItDiffersFromTheFolderName()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            id: warm-greeting
            kind: behavioral
            ---
            ## The first ten seconds
            Look up.
            """);

        file.SingleError(3, "'warm-greeting' differs from the folder name 'warm-welcome'", "Rename the folder to 'modules/warm-greeting/'");
    }

    [Fact]
    public void ModuleId_IsAnError_WhenNotLowercaseLettersDigitsAndHyphens()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            id: Warm_Welcome
            kind: behavioral
            ---
            ## The first ten seconds
            Look up.
            """);

        file.SingleError(3, "'Warm_Welcome' is not a valid module id");
    }

    [Fact]
    public void ModuleFolder_IsAnErrorSuggestingAName_WhenItIsNotAValidId()
    {
        var file = Spec.Parse("modules/Warm Welcome/module.md", Spec.MinimalModule);

        file.SingleError(1, "folder name 'Warm Welcome' is not a valid module id", "'modules/warm-welcome/'");
    }

    [Fact]
    public void ModuleTitle_IsAnError_WhenMissing()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            kind: behavioral
            ---
            ## The first ten seconds
            Look up.
            """);

        file.SingleError(3, "required key 'title' is missing");
    }

    [Theory]
    [InlineData("behavioral", ModuleKind.Behavioral)]
    [InlineData("technical", ModuleKind.Technical)]
    public void ModuleKind_IsRead_WhenBehavioralOrTechnical(string written, ModuleKind kind)
    {
        var module = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: {written}")).Document<ModuleDocument>();

        Assert.Equal(kind, module.Kind);
    }

    [Fact]
    public void ModuleKind_IsAnError_WhenMissing()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            ---
            ## The first ten seconds
            Look up.
            """);

        file.SingleError(3, "required key 'kind' is missing");
    }

    [Theory]
    [InlineData("behavioural", "Did you mean 'behavioral'?")]
    [InlineData("techincal", "Did you mean 'technical'?")]
    [InlineData("soft skills", "Write 'behavioral' (how we treat people) or 'technical'")]
    public void ModuleKind_IsAnErrorSuggestingTheNearest_WhenMistyped(string written, string fix)
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: {written}"));

        file.SingleError(3, $"Unknown kind '{written}'", fix);
    }

    [Fact]
    public void ModuleFrontMatter_IsAnErrorSuggestingTheNearestKey_WhenAKeyIsUnknown()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: behavioral
            standard: [warm-welcome]
            ---
            ## The first ten seconds
            Look up.
            """);

        file.SingleError(4, "Unknown front-matter key 'standard'", "Did you mean 'standards'?");
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("600", 600)]
    public void ModuleMinutes_IsRead_WhenAWholeNumberFrom1To600(string written, int minutes)
    {
        var module = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: behavioral\nminutes: {written}")).Document<ModuleDocument>();

        Assert.Equal(minutes, module.Minutes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("601")]
    [InlineData("twenty")]
    [InlineData("12.5")]
    public void ModuleMinutes_IsAnError_WhenNotAWholeNumberFrom1To600(string written)
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: behavioral\nminutes: {written}"));

        file.SingleError(4, "'minutes' must be a whole number from 1 to 600");
    }

    [Theory]
    [InlineData("90 days", 90, ValidityUnit.Days)]
    [InlineData("6 weeks", 42, ValidityUnit.Days)]
    [InlineData("6 months", 6, ValidityUnit.Months)]
    [InlineData("1 year", 1, ValidityUnit.Years)]
    [InlineData("2 Years", 2, ValidityUnit.Years)]
    public void ModuleRefresher_IsADuration_WhenANumberAndAUnit(string written, int amount, ValidityUnit unit)
    {
        var module = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: behavioral\nrefresher: {written}")).Document<ModuleDocument>();

        Assert.Equal(new Validity(amount, unit), module.Refresher);
    }

    [Theory]
    [InlineData("yearly")]
    [InlineData("0 days")]
    [InlineData("1 fortnight")]
    public void ModuleRefresher_IsAnError_WhenNotADuration(string written)
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: behavioral\nrefresher: {written}"));

        file.SingleError(4, "'refresher' must be a duration such as '90 days'");
    }

    [Theory]
    [InlineData("everyone")]
    [InlineData("Everyone")]
    [InlineData("[everyone]")]
    public void ModuleAudience_IsEveryone_WhenWrittenSo(string written)
    {
        var module = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: behavioral\naudience: {written}")).Document<ModuleDocument>();

        Assert.True(module.Audience.Everyone);
    }

    [Fact]
    public void ModuleAudience_IsAnError_WhenEveryoneIsMixedWithGroups()
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", "kind: behavioral\naudience: [everyone, Billing]"));

        file.SingleError(4, "'everyone' cannot be combined");
    }

    [Theory]
    [InlineData("standards: [Warm Welcome]", "'Warm Welcome' is not a standard id", "'warm-welcome'")]
    [InlineData("standards: [warm-welcome, warm-welcome]", "'warm-welcome' is listed twice", "once")]
    [InlineData("standards: {warm-welcome: yes}", "'standards' must be a list of texts", null)]
    public void ModuleStandards_IsAnErrorAtTheKeyLine_WhenNotAListOfDistinctIds(string line, string message, string? fix)
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", $"kind: behavioral\n{line}"));

        file.SingleError(4, message, fix);
    }

    [Fact]
    public void ModuleFile_ReportsEveryError_WhenSeveralLinesAreWrong()
    {
        var file = Spec.Parse(Spec.WarmWelcome, """
            ---
            titel: The warm welcome
            kind: behavoiral
            minutes: lots
            ---
            No lesson here.
            """);

        Assert.Null(file.Document);
        Assert.Equal([2, 3, 4, 5, 6], file.Errors.Select(e => e.Line));
        Assert.All(file.Errors, e => Assert.Equal(Spec.WarmWelcome, e.File));
    }

    [Fact]
    public void ModuleCertificate_IsTrue_WhenTheFrontMatterSaysSo_AndATranslationTakesItFromTheDefaultLanguage()
    {
        var english = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", "kind: behavioral\ncertificate: true")).Document<ModuleDocument>();
        var french = Spec.Parse("modules/warm-welcome/module.fr.md", """
            ---
            title: L'accueil chaleureux
            ---
            ## Les dix premières secondes
            Levez les yeux.
            """).Document<ModuleDocument>();

        Assert.True(english.Certificate);
        Assert.False(Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule).Document<ModuleDocument>().Certificate);
        Assert.True(french.WithMetadataOf(english).Certificate);
    }

    [Fact]
    public void ModuleCertificate_IsRefusedWithItsLine_WhenNotTrueOrFalse()
    {
        var file = Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule.Replace("kind: behavioral", "kind: behavioral\ncertificate: yes please"));

        Assert.Null(file.Document);
        var error = Assert.Single(file.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("'certificate' must be true or false.", error.Message);
    }
}
