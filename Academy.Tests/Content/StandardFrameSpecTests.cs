using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "The frame": a <c>Frame:</c> paragraph in a standard's section states what an employee
/// may decide alone, <c>Frame (fr):</c> its translation; neither is part of the description.</summary>
public sealed class StandardFrameSpecTests
{
    [Fact]
    public void Frame_IsReadWithItsTranslations_AndLeftOutOfTheDescription()
    {
        var catalogue = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            ## Initiative within limits {#initiative-within-limits}
            Every employee may act on the spot.

            Frame: A gesture up to €75 per customer,
            without asking anyone.
            Frame (fr): Un geste jusqu’à 75 € par client, sans rien demander.

            ## Listen before acting {#listen-first}
            Let the customer finish.
            """).Document<StandardsDocument>();

        var initiative = catalogue.Standards[0];
        Assert.Equal("<p>Every employee may act on the spot.</p>\n", initiative.Html);
        Assert.Equal("A gesture up to €75 per customer, without asking anyone.", initiative.Frame);
        Assert.Equal("Un geste jusqu’à 75 € par client, sans rien demander.", initiative.FrameIn("fr"));
        Assert.Equal(initiative.Frame, initiative.FrameIn("de"));
        Assert.Null(catalogue.Standards[1].Frame);
        Assert.Null(catalogue.Standards[1].FrameIn("fr"));
    }

    [Fact]
    public void Frame_IsAnErrorWithItsLine_WhenAStandardHasTwo()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            ## Initiative within limits {#initiative-within-limits}
            Every employee may act on the spot.

            Frame: A gesture up to €75.

            Frame: A gesture up to €50.
            """);

        file.SingleError(9, "'initiative-within-limits' has two frames", "one frame per language");
    }

    [Fact]
    public void Frame_IsAnErrorWithItsLine_WhenEmpty()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            ## Initiative within limits {#initiative-within-limits}
            Every employee may act on the spot.

            Frame:
            Frame (fr): Un geste.
            """);

        file.SingleError(7, "The frame of 'initiative-within-limits' is empty", "'Frame:'");
    }

    [Fact]
    public void TranslatedFrame_IsAnError_WithoutTheEnglishOne()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            ## Initiative within limits {#initiative-within-limits}
            Every employee may act on the spot.

            Frame (fr): Un geste jusqu’à 75 €.
            """);

        file.SingleError(7, "has a translated frame but no English one", "'Frame: …'");
    }

    [Fact]
    public void DemoStandards_StateFramesInEnglishAndFrench()
    {
        var catalogue = Spec.Parse("standards.md", File.ReadAllText(Path.Combine(Academy.Tests.Pages.AcademyFactory.RepositoryContent, "standards.md")))
            .Document<StandardsDocument>();

        var initiative = Assert.Single(catalogue.Standards, s => s.Id == "initiative-within-limits");
        Assert.Contains("€75", initiative.Frame);
        Assert.Contains("75\u00a0€", initiative.FrameIn("fr"));
        Assert.All(catalogue.Standards.Where(s => s.Frame is not null), s => Assert.NotEqual(s.Frame, s.FrameIn("fr")));
    }
}
