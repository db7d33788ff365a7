using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "Program (programs/&lt;id&gt;.md)": title, audience, due, certificate; the body's
/// first ordered list gives the module ids in order, other text is the description.</summary>
public sealed class ProgramSpecTests
{
    private const string Onboarding = "programs/onboarding.md";

    [Fact]
    public void Program_ParsesKeysModulesAndDescription_WhenAllAreGiven()
    {
        var file = Spec.Parse(Onboarding, """
            ---
            title: Onboarding
            audience: [Front Desk, Billing]
            due: 30 days
            certificate: true
            ---
            Welcome aboard. Take the modules **in order**:

            1. warm-welcome
            2. `listen-first`
            3. refunds

            Completing all three issues your certificate.
            """);

        Assert.Equal(ContentKind.Program, file.Kind);
        Assert.Equal("onboarding", file.DocumentId);
        Assert.Equal("en", file.Language);
        var program = file.Document<ProgramDocument>();
        Assert.Equal("onboarding", program.Id);
        Assert.Equal("Onboarding", program.Title);
        Assert.Equal(["Front Desk", "Billing"], program.Audience.Groups);
        Assert.Equal(new Validity(30, ValidityUnit.Days), program.Due);
        Assert.True(program.Certificate);
        Assert.Equal(["warm-welcome", "listen-first", "refunds"], program.ModuleIds);
        Assert.Equal("<p>Welcome aboard. Take the modules <strong>in order</strong>:</p>\n<p>Completing all three issues your certificate.</p>\n", program.DescriptionHtml);
    }

    [Fact]
    public void Program_DefaultsAudienceDueAndCertificate_WhenOnlyTitleIsGiven()
    {
        var program = Spec.Parse(Onboarding, """
            ---
            title: Onboarding
            ---
            1. warm-welcome
            """).Document<ProgramDocument>();

        Assert.Same(Audience.All, program.Audience);
        Assert.Null(program.Due);
        Assert.False(program.Certificate);
        Assert.Equal("", program.DescriptionHtml);
        Assert.Equal(["warm-welcome"], program.ModuleIds);
    }

    [Fact]
    public void ProgramModules_AreTheFirstOrderedListOnly_WhenTheBodyHasOtherLists()
    {
        var program = Spec.Parse(Onboarding, """
            ---
            title: Onboarding
            certificate: false
            ---
            What you will learn:

            - how we welcome
            - how we listen

            1. warm-welcome
            2. listen-first

            Tips:

            1. Take notes.
            """).Document<ProgramDocument>();

        Assert.False(program.Certificate);
        Assert.Equal(["warm-welcome", "listen-first"], program.ModuleIds);
        Assert.Contains("<li>how we welcome</li>", program.DescriptionHtml);
        Assert.Contains("<ol>\n<li>Take notes.</li>\n</ol>", program.DescriptionHtml);
        Assert.DoesNotContain("warm-welcome", program.DescriptionHtml);
    }

    [Fact]
    public void ProgramModules_AreAnError_WhenTheBodyHasNoOrderedList()
    {
        var file = Spec.Parse(Onboarding, """
            ---
            title: Onboarding
            ---
            Welcome aboard.

            - warm-welcome
            - listen-first
            """);

        file.SingleError(4, "lists no modules", "numbered list of module ids");
    }

    [Theory]
    [InlineData("The warm welcome", "'The warm welcome' is not a module id", "'1. the-warm-welcome'")]
    [InlineData("warm-welcome (first!)", "'warm-welcome (first!)' is not a module id", null)]
    [InlineData("Écoute", "'Écoute' is not a module id", "'1. ecoute'")]
    public void ProgramModule_IsAnErrorAtItsItemLine_WhenTheItemIsNotAnId(string item, string message, string? fix)
    {
        var file = Spec.Parse(Onboarding, $"""
            ---
            title: Onboarding
            ---
            Welcome aboard.

            1. warm-welcome
            2. {item}
            3. refunds
            """);

        file.SingleError(7, message, fix);
    }

    [Fact]
    public void ProgramModule_IsAnErrorAtItsItemLine_WhenAnItemHoldsMoreThanAnId()
    {
        var file = Spec.Parse(Onboarding, """
            ---
            title: Onboarding
            ---
            1. warm-welcome
            2. listen-first

               Take this one slowly.
            3. refunds
            """);

        file.SingleError(5, "'listen-first Take this one slowly.' is not a module id");
    }

    [Fact]
    public void ProgramModule_IsAnErrorNamingBothLines_WhenListedTwice()
    {
        var file = Spec.Parse(Onboarding, """
            ---
            title: Onboarding
            ---
            1. warm-welcome
            2. listen-first
            3. warm-welcome
            """);

        file.SingleError(6, "'warm-welcome' is listed twice: on line 4 and on line 6");
    }

    [Fact]
    public void ProgramId_IsAnErrorSuggestingAName_WhenTheFileNameIsNotAnId()
    {
        var file = Spec.Parse("programs/Back Office.md", """
            ---
            title: Back office
            ---
            1. refunds
            """);

        Assert.Equal("Back Office", file.DocumentId);
        file.SingleError(1, "'Back Office' is not a valid program id", "'programs/back-office.md'");
    }

    [Fact]
    public void ProgramTitle_IsAnError_WhenMissing()
    {
        var file = Spec.Parse(Onboarding, """
            ---
            due: 30 days
            ---
            1. warm-welcome
            """);

        file.SingleError(3, "required key 'title' is missing");
    }

    [Theory]
    [InlineData("certifcate: true", "Unknown front-matter key 'certifcate'", "Did you mean 'certificate'?")]
    [InlineData("kind: behavioral", "Unknown front-matter key 'kind'", "title, audience, due, certificate")]
    [InlineData("certificate: yes please", "'certificate' must be true or false", null)]
    [InlineData("due: a month", "'due' must be a duration", null)]
    [InlineData("audience: [everyone, IT]", "'everyone' cannot be combined", null)]
    [InlineData("title: [Onboarding, Welcome]", "'title' must be a single text value", null)]
    public void ProgramFrontMatter_IsAnErrorAtTheKeyLine_WhenAKeyIsUnknownOrHasTheWrongType(string line, string message, string? fix)
    {
        var file = Spec.Parse(Onboarding, $"""
            ---
            title: Onboarding
            {line}
            ---
            1. warm-welcome
            """.Replace("title: Onboarding\ntitle:", "title:"));

        var expectedLine = line.StartsWith("title:") ? 2 : 3;
        file.SingleError(expectedLine, message, fix);
    }

    [Fact]
    public void ProgramId_IsAccepted_WhenTheFrontMatterRepeatsTheFileName()
    {
        var program = Spec.Parse(Onboarding, "---\nid: onboarding\ntitle: Onboarding\n---\n1. warm-welcome\n").Document<ProgramDocument>();

        Assert.Equal("onboarding", program.Id);
    }

    [Theory]
    [InlineData("id: welcome", "The id 'welcome' differs from the file name 'onboarding'", "'programs/welcome.md'")]
    [InlineData("id: Welcome Aboard", "'Welcome Aboard' is not a valid program id", "Remove the 'id' line")]
    public void ProgramId_IsAnErrorAtItsLine_WhenTheFrontMatterIdIsNotTheFileName(string line, string message, string fix)
    {
        var file = Spec.Parse(Onboarding, $"---\ntitle: Onboarding\n{line}\n---\n1. warm-welcome\n");

        file.SingleError(3, message, fix);
    }

    [Fact]
    public void ProgramModule_IsToldToPublishTheModuleFirst_WhenTheModuleIsOnlyADraft()
    {
        var known = new KnownContent(null, [Spec.Parse(Spec.WarmWelcome, Spec.MinimalModule).Document<ModuleDocument>()], [])
            .WithModuleDrafts(["late-check-out", "warm-welcome"]);
        var text = "---\ntitle: Onboarding\n---\n1. warm-welcome\n2. late-check-out\n3. late-chek-out\n";

        var file = ContentParser.Parse(new SourceFile(Onboarding, text), known);

        Assert.Null(file.Document);
        Assert.Collection(file.Errors,
            draft =>
            {
                Assert.Equal(5, draft.Line);
                Assert.Contains("'late-check-out' is only a draft", draft.Message);
                Assert.Contains("Publish modules/late-check-out/module.md first", draft.Fix);
            },
            unknown =>
            {
                Assert.Equal(6, unknown.Line);
                Assert.Equal("Unknown module 'late-chek-out'.", unknown.Message);
            });
    }

    [Fact]
    public void ListedModules_AreEveryIdInOrderWithItsLine_EvenWhenTheFileHasOtherErrors()
    {
        var text = "---\ntitle: Onboarding\ncertifcate: true\n---\nWelcome.\n\n1. warm-welcome\n2. Not an id\n3. refunds\n4. warm-welcome\n";

        var listed = ContentParser.ListedModules(new SourceFile(Onboarding, text));

        Assert.Equal([new ListedModule("warm-welcome", 7), new ListedModule("refunds", 9)], listed);
        Assert.Empty(ContentParser.ListedModules(new SourceFile(Spec.WarmWelcome, Spec.MinimalModule)));
    }
}
