using Academy.Domain.Quizzes;

namespace Academy.Tests.Content;

/// <summary>content/README.md, 'The briefing': the text between a quiz's front matter and its first step is what
/// learners read before they start, in the language of the file.</summary>
public sealed class BriefingSpecTests
{
    private const string English = "modules/warm-welcome/late-arrival.quiz.md";
    private const string French = "modules/warm-welcome/late-arrival.quiz.fr.md";

    [Fact]
    public void Briefing_IsTheTextBeforeTheFirstStep_Rendered()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: The late arrival
            ---
            You are on the **night shift** at the front desk.

            Within your frame you may offer breakfast; see the [frame](frame.png).

            ## Arrival {#arrival}
            It is 23:40.

            - [3] Greet her. -> end
            - [0] Ignore her. -> end
            """);

        Assert.Equal("<p>You are on the <strong>night shift</strong> at the front desk.</p>\n"
            + "<p>Within your frame you may offer breakfast; see the <a href=\"/media/warm-welcome/frame.png\">frame</a>.</p>\n", quiz.BriefingHtml);
        var arrival = Assert.Single(quiz.Steps);
        Assert.Equal(8, arrival.Line);
        Assert.Equal("<p>It is 23:40.</p>\n", arrival.Html);
    }

    [Fact]
    public void Briefing_IsEmpty_WhenOnlyALinkReferenceComesBeforeTheFirstStep()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            [policy]: https://example.test/policy

            ## Q {#q}
            See the [policy].

            - [x] A
            """);

        Assert.Equal("", quiz.BriefingHtml);
        Assert.Contains("href=\"https://example.test/policy\"", quiz.FirstStep.Html);
    }

    [Fact]
    public void Briefing_OfAFrenchTranslation_IsItsOwn()
    {
        var files = Spec.ParseAll((Spec.WarmWelcome, Spec.MinimalModule),
            (English, """
                ---
                title: The late arrival
                ---
                You are on the night shift.

                ## Arrival {#arrival}
                - [3] Greet her. -> end
                - [0] Ignore her. -> end
                """),
            (French, """
                ---
                title: L'arrivée tardive
                ---
                Vous êtes de service de nuit.

                ## L'arrivée {#arrival}
                - [3] Vous l'accueillez. -> end
                - [0] Vous l'ignorez. -> end
                """));

        Assert.Equal("<p>You are on the night shift.</p>\n", files.In(English).Document<QuizDocument>().BriefingHtml);
        var french = files.In(French).Document<QuizDocument>();
        Assert.Equal("fr", french.Language);
        Assert.Equal("<p>Vous êtes de service de nuit.</p>\n", french.BriefingHtml);
    }

    [Fact]
    public void Briefing_MayBeInOneLanguageOnly()
    {
        var files = Spec.ParseAll((Spec.WarmWelcome, Spec.MinimalModule),
            (English, "---\ntitle: The late arrival\n---\n## Arrival {#arrival}\n- [3] Greet her. -> end\n- [0] Ignore her. -> end\n"),
            (French, "---\ntitle: L'arrivée tardive\n---\nVous êtes de service de nuit.\n\n## L'arrivée {#arrival}\n- [3] Vous l'accueillez. -> end\n- [0] Vous l'ignorez. -> end\n"));

        Assert.Equal("", files.In(English).Document<QuizDocument>().BriefingHtml);
        Assert.Equal("<p>Vous êtes de service de nuit.</p>\n", files.In(French).Document<QuizDocument>().BriefingHtml);
    }

    [Fact]
    public void Briefing_RefusesATitle_WhichComesFromTheFrontMatter()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: The late arrival
            ---
            # The late arrival

            You are on the night shift.

            ## Arrival {#arrival}
            - [x] Greet her.
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("second title", error.Message);
        Assert.Contains("'title:'", error.Fix);
    }

    [Fact]
    public void Briefing_RefusesChoices_WhichNeedAStepHeading()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            Her room is not ready. What do you do?

            - [x] Greet her.
            - [ ] Ignore her.

            ## Next {#next}
            - [x] Go on.
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("before the first step", error.Message);
        Assert.Contains("'## '", error.Fix);
    }

    [Fact]
    public void Briefing_MayHoldAnOrdinaryList()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            You may:
            - move a guest to a free room of the same category
            - offer breakfast

            ## Q {#q}
            - [x] A
            """);

        Assert.Contains("<li>offer breakfast</li>", quiz.BriefingHtml);
    }
}
