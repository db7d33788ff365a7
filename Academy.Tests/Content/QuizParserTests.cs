using System.Text.Json;
using Academy.Domain.Quizzes;

namespace Academy.Tests.Content;

/// <summary>Quiz files that parse, each beside the values it must give.</summary>
public sealed class QuizParserTests
{
    [Fact]
    public void Parse_ReadsFrontMatter_WhenAllKeysAreGiven()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: Refund rules
            pass: 70
            draw: 2
            shuffle: true
            ---
            ## One
            - [x] A
            - [ ] B
            ## Two
            - [x] A
            - [ ] B
            ## Three
            - [x] A
            - [ ] B
            """);

        Assert.Equal(("check", "warm-welcome", "en", "Refund rules"), (quiz.Id, quiz.ModuleId, quiz.Language, quiz.Title));
        Assert.Equal(70, quiz.Pass);
        Assert.Equal(2, quiz.Draw);
        Assert.Equal(ChoiceShuffle.All, quiz.Shuffle);
    }

    [Fact]
    public void Parse_UsesDefaults_WhenPassDrawAndShuffleAreAbsent()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: Quick check
            ---
            ## Only
            - [x] A
            """);

        Assert.Equal(80, quiz.Pass);
        Assert.Null(quiz.Draw);
        Assert.Equal(ChoiceShuffle.Judgments, quiz.Shuffle);
        Assert.Equal("", quiz.BriefingHtml);
    }

    [Fact]
    public void Parse_StartsAStepAtEachLevelTwoHeading_WithItsFileLineTitleAndSituation()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            It is **23:40**.

            ### What you know
            - the room is not ready
            - another room is free

            What do you do first?

            - [x] Welcome her
            - [ ] Ask for the reference
            ## The room
            Which room?

            - [x] The free one
            """);

        Assert.Equal(["arrival", "the-room"], quiz.Steps.Select(s => s.Id));
        Assert.Equal([4, 15], quiz.Steps.Select(s => s.Line));
        Assert.Equal(["Arrival", "The room"], quiz.Steps.Select(s => s.Title));
        var arrival = quiz.Steps[0];
        Assert.Equal("<p>It is <strong>23:40</strong>.</p>\n<h3>What you know</h3>\n<ul>\n<li>the room is not ready</li>\n<li>another room is free</li>\n</ul>\n<p>What do you do first?</p>\n", arrival.Html);
        Assert.Equal(["Welcome her", "Ask for the reference"], arrival.Choices.Select(c => c.Html));
        Assert.Equal([1, 2], arrival.Choices.Select(c => c.Number));
        Assert.Same(arrival, quiz.FirstStep);
        Assert.Same(quiz.Steps[1], quiz.Step("the-room"));
        Assert.Null(quiz.Step("nowhere"));
    }

    [Fact]
    public void Parse_DerivesIdsFromTitles_WhenHeadingsHaveNoId()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## L'arrivée à 23 h 40 !
            - [x] A
            ## Question
            - [x] A
            ## Question
            - [x] A
            ## ???
            - [x] A
            ## Last
            - [x] A -> question-2
            ## Second {#question-2}
            - [x] A
            """);

        Assert.Equal(["l-arrivee-a-23-h-40", "question", "question-3", "step-4", "last", "question-2"], quiz.Steps.Select(s => s.Id));
    }

    [Fact]
    public void Parse_TakesTheTitleAsPlainText_WhenHeadingHasMarkdown()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Use `late-checkout` *now* &amp; later {#late}
            - [x] A
            """);

        Assert.Equal("late", quiz.Steps[0].Id);
        Assert.Equal("Use late-checkout now & later", quiz.Steps[0].Title);
    }

    [Theory]
    [InlineData("[x]", MarkKind.Right, 0)]
    [InlineData("[X]", MarkKind.Right, 0)]
    [InlineData("[ ]", MarkKind.Wrong, 0)]
    [InlineData("[0]", MarkKind.Weighted, 0)]
    [InlineData("[1]", MarkKind.Weighted, 1)]
    [InlineData("[2]", MarkKind.Weighted, 2)]
    [InlineData("[3]", MarkKind.Weighted, 3)]
    public void Parse_ReadsTheMark_WhenChoiceStartsWithIt(string mark, MarkKind kind, int weight)
    {
        var best = kind == MarkKind.Weighted ? "[3]" : "[x]";
        var quiz = QuizFiles.Parse($"""
            ---
            title: T
            ---
            ## Q
            - {best} The best
            - {mark} This one
            """);

        var choice = quiz.Steps[0].Choices[1];
        Assert.Equal(new ChoiceMark(kind, weight), choice.Mark);
        Assert.Equal("This one", choice.Html);
        Assert.Equal(mark.ToLowerInvariant(), choice.Mark.ToString());
    }

    [Fact]
    public void Parse_ReadsJumps_AndResolvesNextStep_WhenChoicesJumpEndOrFallThrough()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her by name. -> room
            - [1] Ask for the booking reference.
            - [0] Tell her the room is not ready.   ->   end
            ## Middle {#middle}
            - [1] Go on -> room
            ## The room {#room}
            - [3] Offer the other room
            """);

        var arrival = quiz.Step("arrival")!;
        Assert.Equal(["room", null, "end"], arrival.Choices.Select(c => c.Jump));
        Assert.Equal(["Welcome her by name.", "Ask for the booking reference.", "Tell her the room is not ready."], arrival.Choices.Select(c => c.Html));
        Assert.Equal(["room", "middle", null], arrival.Choices.Select(c => quiz.NextStepId(arrival, c)));
        var room = quiz.Step("room")!;
        Assert.Null(quiz.NextStepId(room, room.Choices[0]));
        Assert.True(quiz.IsBranching);
    }

    [Fact]
    public void Parse_IsNotBranching_WhenJumpsOnlyNameTheFollowingStepOrEndTheLastOne()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## One {#one}
            - [x] A -> two
            - [ ] B
            ## Two {#two}
            - [x] A -> end
            - [ ] B
            """);

        Assert.False(quiz.IsBranching);
    }

    [Fact]
    public void Parse_KeepsAnArrowAsText_WhenItIsEscaped()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Q
            - [x] Lobby \-> room
            - [ ] Room -> end
            """);

        var choices = quiz.Steps[0].Choices;
        Assert.Null(choices[0].Jump);
        Assert.Equal("Lobby -&gt; room", choices[0].Html);
        Assert.Equal("end", choices[1].Jump);
    }

    [Fact]
    public void Parse_ReadsFeedback_WhenIndentedUnderAChoice()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Q
            - [3] As a quote -> end
              > She feels *recognised*.
            - [2] As a line
              Good, but slower.
            - [1] As paragraphs

              First thought.

              Second thought.
            - [0] Quote after a line
              The guest said:
              > Not again.
            - [0] No feedback
            """);

        var choices = quiz.Steps[0].Choices;
        Assert.Equal("<p>She feels <em>recognised</em>.</p>\n", choices[0].FeedbackHtml);
        Assert.Equal("<p>Good, but slower.</p>\n", choices[1].FeedbackHtml);
        Assert.Equal("<p>First thought.</p>\n<p>Second thought.</p>\n", choices[2].FeedbackHtml);
        Assert.Equal("<p>The guest said:</p>\n<blockquote>\n<p>Not again.</p>\n</blockquote>\n", choices[3].FeedbackHtml);
        Assert.Equal("", choices[4].FeedbackHtml);
        Assert.Equal(["As a quote", "As a line", "As paragraphs", "Quote after a line", "No feedback"], choices.Select(c => c.Html));
    }

    [Fact]
    public void Parse_EscapesRawHtml_InSituationChoiceAndFeedback()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Q
            <script>alert(1)</script>

            - [x] Say <b>hello</b> <img src=x onerror=alert(1)>
              > <i>Why</i>
            """);

        var step = quiz.Steps[0];
        Assert.DoesNotContain("<script", step.Html);
        Assert.Contains("&lt;script&gt;", step.Html);
        Assert.Equal("Say &lt;b&gt;hello&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;", step.Choices[0].Html);
        Assert.Equal("<p>&lt;i&gt;Why&lt;/i&gt;</p>\n", step.Choices[0].FeedbackHtml);
    }

    [Fact]
    public void Parse_RendersChoiceAsInlineHtml_WithSafeLinksAndMedia()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Q
            ![The desk](media/desk.png)

            - [x] Read the *policy* [here](https://example.com/policy)
            - [ ] Click [this](javascript:alert(1))
            - [ ] 1. Ask twice
            """);

        var step = quiz.Steps[0];
        Assert.Contains("src=\"/media/warm-welcome/desk.png\"", step.Html);
        Assert.Equal("Read the <em>policy</em> <a href=\"https://example.com/policy\">here</a>", step.Choices[0].Html);
        Assert.Equal("Click <a href=\"#\">this</a>", step.Choices[1].Html);
        Assert.Equal("1. Ask twice", step.Choices[2].Html);
    }

    [Fact]
    public void Parse_ReadsMarksFromTheSource_WhenTheFileDefinesAMatchingLinkReference()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Q
            - [3] Follow [the policy][3]
            - [1] Improvise

            [3]: https://example.com/policy
            """);

        var choices = quiz.Steps[0].Choices;
        Assert.Equal([ChoiceMark.Weighted(3), ChoiceMark.Weighted(1)], choices.Select(c => c.Mark));
        Assert.Equal("Follow <a href=\"https://example.com/policy\">the policy</a>", choices[0].Html);
    }

    [Fact]
    public void Parse_TakesTheLastMarkedList_WhenTheSituationHasAPlainList()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Q
            You have:
            - one room free
            - [Note] a guest waiting

            What do you do?

            - [x] Offer the room
            - [ ] Wait
            """);

        var step = quiz.Steps[0];
        Assert.Contains("<li>one room free</li>", step.Html);
        Assert.Contains("<li>[Note] a guest waiting</li>", step.Html);
        Assert.DoesNotContain("Offer the room", step.Html);
        Assert.Equal(2, step.Choices.Count);
    }

    [Fact]
    public void Parse_MakesAStepAnEnding_WhenItHasNoChoices()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her -> settled
            - [0] Ignore her -> lost
            ## Settled {#settled}
            She sleeps well.
            ## Lost {#lost}
            Things that went wrong:
            - the welcome
            - the room
            """);

        Assert.Equal([false, true, true], quiz.Steps.Select(s => s.IsEnding));
        Assert.Equal("<p>She sleeps well.</p>\n", quiz.Step("settled")!.Html);
        Assert.Empty(quiz.Step("lost")!.Choices);
    }

    [Fact]
    public void Parse_MakesAStepMultiSelect_WhenItHasSeveralRightChoices()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            ---
            ## Checks
            - [x] Original transaction
            - [x] Earlier refunds
            - [ ] A written request
            ## One answer
            - [x] Yes
            - [ ] No
            ## Weighted
            - [3] Best
            - [1] Weak
            """);

        Assert.Equal([true, false, false], quiz.Steps.Select(s => s.IsMultiSelect));
        Assert.Equal([false, false, true], quiz.Steps.Select(s => s.IsWeighted));
    }

    [Fact]
    public void Parse_ReadsTheContractsExample_WhenItIsCompleted()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: The late arrival
            pass: 70
            ---
            ## Arrival {#arrival}
            It is 23:40. A guest whose flight was delayed reaches the desk. Her room is not ready.

            - [3] Welcome her by name and acknowledge the long journey. -> room
              > She feels recognised before any problem is raised.
            - [1] Ask for the booking reference. -> room
              > Efficient, but it opens with a process instead of a person.
            - [0] Tell her the room is not ready. -> upset
              > Bad news before any welcome sets the tone for the stay.

            ## The room {#room}
            - [3] Offer the free room now. -> end
            - [1] Ask her to wait. -> end

            ## Upset {#upset}
            - [3] Apologise and offer the free room. -> end
            - [0] Ask her to lower her voice. -> end
            """);

        Assert.Equal(70, quiz.Pass);
        Assert.Equal(["room", "room", "upset"], quiz.FirstStep.Choices.Select(c => c.Jump));
        Assert.Equal("<p>Efficient, but it opens with a process instead of a person.</p>\n", quiz.FirstStep.Choices[1].FeedbackHtml);
        Assert.Equal(6m, ScenarioScorer.BestTotal(quiz));
    }

    [Fact]
    public void Parse_GivesADocumentThatSurvivesJson_WhenStoredTheWayTheWebAppStoresIt()
    {
        var quiz = QuizFiles.Parse("""
            ---
            title: T
            draw: 1
            ---
            ## Q {#q}
            Situation
            - [x] A
              > Why
            - [ ] B -> end
            """);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(quiz, options);
        var back = JsonSerializer.Deserialize<QuizDocument>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(quiz.Steps[0].Choices[1], back.Steps[0].Choices[1]);
        Assert.Contains("\"kind\":\"Right\"", json);
        Assert.DoesNotContain("isEnding", json);
        Assert.DoesNotContain("firstStep", json);
        Assert.DoesNotContain("contentKind", json);
        Assert.Contains("\"shuffle\":\"Judgments\"", json);
    }
}
