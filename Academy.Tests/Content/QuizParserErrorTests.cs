namespace Academy.Tests.Content;

/// <summary>Broken quiz files: each error must name the file line a trainer has to change, and say how.</summary>
public sealed class QuizParserErrorTests
{
    [Fact]
    public void Parse_SuggestsTheNearestKey_WhenFrontMatterHasAnUnknownKey()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            shufle: true
            ---
            ## Q
            - [x] A
            """);

        Assert.Equal(3, error.Line);
        Assert.Contains("'shufle'", error.Message);
        Assert.Contains("Did you mean 'shuffle'?", error.Fix);
    }

    [Fact]
    public void Parse_ReportsTheMissingTitle_AtTheClosingLine()
    {
        var error = QuizFiles.SingleError("""
            ---
            pass: 50
            ---
            ## Q
            - [x] A
            """);

        Assert.Equal(3, error.Line);
        Assert.Contains("'title'", error.Message);
    }

    [Theory]
    [InlineData("pass: 120", "'pass' must be a whole number from 0 to 100.")]
    [InlineData("pass: high", "'pass' must be a whole number from 0 to 100.")]
    [InlineData("draw: 0", "'draw' must be a whole number from 1")]
    [InlineData("shuffle: often", "'shuffle' must be true or false.")]
    public void Parse_ReportsTheKeyLine_WhenAValueHasTheWrongType(string line, string message)
    {
        var error = QuizFiles.SingleError($"""
            ---
            title: T
            {line}
            ---
            ## Q
            - [x] A
            """);

        Assert.Equal(3, error.Line);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Parse_ReportsLineOne_WhenTheFileHasNoFrontMatter()
    {
        var error = QuizFiles.SingleError("""
            ## Q
            - [x] A
            """);

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Parse_ReportsNoSteps_WhenTheBodyHasNoLevelTwoHeading()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            # Quiz
            - [x] A
            """);

        Assert.Equal(4, error.Line);
        Assert.Equal("The quiz has no steps.", error.Message);
        Assert.Contains("'## '", error.Fix);
    }

    [Fact]
    public void Parse_ReportsNoSteps_WhenTheBodyIsEmpty()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            """);

        Assert.Equal(3, error.Line);
        Assert.Equal("The quiz has no steps.", error.Message);
    }

    [Fact]
    public void Parse_SuggestsAValidId_WhenAStepIdIsNotLowerCaseLettersDigitsAndHyphens()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q
            - [x] A
            ## Arrival {#The_Arrival}
            - [x] A
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("'The_Arrival'", error.Message);
        Assert.Contains("'{#the-arrival}'", error.Fix);
    }

    [Fact]
    public void Parse_NamesTheFirstUse_WhenAStepIdIsUsedTwice()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## One {#room}
            - [x] A
            ## Two {#room}
            - [x] A
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal("The step id 'room' is already used by the step on line 4.", error.Message);
    }

    [Fact]
    public void Parse_RejectsEndAsAStepId_BecauseItMeansFinish()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q
            - [x] A
            ## The end {#end}
            Done.
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("'end' cannot be a step id", error.Message);
    }

    [Fact]
    public void Parse_ReportsAHeadingWithoutTitle()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## {#q}
            - [x] A
            """);

        Assert.Equal(4, error.Line);
        Assert.Equal("This step heading has no title.", error.Message);
    }

    [Fact]
    public void Parse_SuggestsTheNearestStep_WhenAJumpTargetDoesNotExist()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her -> room
            - [1] Ask for the reference -> rom
            ## The room {#room}
            - [3] Offer the other room
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal("Choice 2 of step 'arrival' jumps to 'rom', but no step has that id.", error.Message);
        Assert.StartsWith("Did you mean '-> room'?", error.Fix);
    }

    [Fact]
    public void Parse_ListsTheSteps_WhenAJumpTargetIsNearNoStep()
    {
        var errors = QuizFiles.Errors("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her -> reception-desk-upstairs
            ## The room {#room}
            - [3] Offer the other room
            """);

        var error = Assert.Single(errors, e => e.Message.Contains("no step has that id"));
        Assert.Equal(5, error.Line);
        Assert.Contains("(arrival, room, end)", error.Fix);
    }

    [Fact]
    public void Parse_NamesTheStepsOfTheLoop_WhenAJumpGoesBack()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her -> room
            ## The room {#room}
            - [3] Offer the other room -> end
            - [1] Start again -> arrival
            """);

        Assert.Equal(8, error.Line);
        Assert.Contains("makes a loop: arrival -> room -> arrival", error.Message);
        Assert.Contains("'-> arrival'", error.Message);
        Assert.Contains("later step", error.Fix);
    }

    [Fact]
    public void Parse_ReportsALoop_WhenAStepJumpsToItself()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [x] A
            - [ ] Try again -> q
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("makes a loop: q -> q", error.Message);
    }

    [Fact]
    public void Parse_ReportsALoop_WhenAChoiceWithoutJumpClosesIt()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## A {#a}
            - [x] A -> c
            ## B {#b}
            - [x] B
            ## C {#c}
            - [x] C -> b
            """);

        Assert.Equal(7, error.Line);
        Assert.Contains("has no jump, so it continues to the next step, 'c'", error.Message);
        Assert.Contains("makes a loop: c -> b -> c", error.Message);
    }

    [Fact]
    public void Parse_ReportsAStepThatNoPathReaches_AtItsHeading()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her -> room
            ## Forgotten {#forgotten}
            - [3] Something
            ## The room {#room}
            - [3] Offer the other room
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal("No path from the first step reaches step 'forgotten'.", error.Message);
        Assert.Contains("'-> forgotten'", error.Fix);
    }

    [Fact]
    public void Parse_ExplainsTheEndingBefore_WhenAStepAfterAnEndingIsUnreachable()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q
            - [x] A
            ## Well done {#done}
            That is all.
            ## More {#more}
            - [x] A
            """);

        Assert.Equal(8, error.Line);
        Assert.Contains("'done', is an ending", error.Message);
    }

    [Fact]
    public void Parse_ReportsAChoiceWithoutMark_WhenOtherChoicesHaveOne()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [x] Welcome her
            - Ask for the reference
            - [ ] Ignore her
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("choices of step 'q' but has no mark", error.Message);
        Assert.Contains("'[x]'", error.Fix);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[4]")]
    [InlineData("[ x ]")]
    public void Parse_ReportsAMarkThatIsNotOne(string mark)
    {
        var error = QuizFiles.SingleError($"""
            ---
            title: T
            ---
            ## Q
            - [x] Welcome her
            - {mark} Ignore her
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal($"'{mark}' is not a mark.", error.Message);
        Assert.Contains("'[ ]' (with a space)", error.Fix);
    }

    [Fact]
    public void Parse_ReportsMixedMarks_WhenAStepHasRightWrongAndWeights()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [x] Welcome her
            - [ ] Ignore her
            - [2] Ask for the reference
            """);

        Assert.Equal(7, error.Line);
        Assert.Equal("Step 'q' mixes '[x]' and '[ ]' with weights '[0]' to '[3]'.", error.Message);
    }

    [Fact]
    public void Parse_ReportsNoRightAnswer_WhenEveryChoiceIsWrong()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [ ] Welcome her
            - [ ] Ignore her
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("Step 'q' has no right answer", error.Message);
        Assert.Contains("'[x]'", error.Fix);
    }

    [Fact]
    public void Parse_ReportsNoMarks_WhenEveryWeightIsZero()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [0] Welcome her late
            - [0] Ignore her
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("no choice earns marks", error.Message);
    }

    [Fact]
    public void Parse_ReportsAChoiceWithoutText()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q
            - [x] Welcome her
            - [ ] -> end
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal("Choice 2 has a mark but no text.", error.Message);
    }

    [Fact]
    public void Parse_ReportsAJumpOnAContinuationLine_BecauseItWouldBeReadAsFeedback()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q
            - [3] Come round the desk and greet her
              by name. -> room
            - [0] Ignore her
            ## The room {#room}
            - [3] A
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("first line", error.Message);
    }

    [Fact]
    public void Parse_ReportsTextAfterTheChoices_WhenFeedbackIsNotIndented()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [x] Welcome her
            > She feels recognised.
            """);

        Assert.Equal(6, error.Line);
        Assert.Equal("This text comes after the choices of step 'q'.", error.Message);
        Assert.Contains("Indent it", error.Fix);
    }

    [Fact]
    public void Parse_ReportsTwoListsOfChoices_WhenTheBulletChanges()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            - [x] Welcome her
            * [x] Greet her
            """);

        Assert.Equal(5, error.Line);
        Assert.Contains("more than one list of choices", error.Message);
    }

    [Fact]
    public void Parse_ReportsNumberedChoices()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q {#q}
            1. [x] Welcome her
            2. [ ] Ignore her
            """);

        Assert.Equal(5, error.Line);
        Assert.Contains("numbered list", error.Message);
        Assert.Contains("'- [x] ...'", error.Fix);
    }

    [Fact]
    public void Parse_ReportsAMultiSelectStep_WhoseChoicesLeadToDifferentSteps()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Checks {#checks}
            - [x] The transaction -> refund
            - [x] Earlier refunds -> refund
            - [ ] A written request -> end
            ## Refund {#refund}
            - [x] A
            """);

        Assert.Equal(7, error.Line);
        Assert.Contains("cannot lead to different steps", error.Message);
    }

    [Fact]
    public void Parse_ReportsNothingToAnswer_WhenNoStepHasChoices()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Just text
            Nothing to choose.
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("nothing to answer", error.Message);
    }

    [Fact]
    public void Parse_ReportsADrawLargerThanTheSteps_AtTheDrawLine()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            draw: 3
            ---
            ## One
            - [x] A
            ## Two
            - [x] A
            ## Done
            Thank you.
            """);

        Assert.Equal(3, error.Line);
        Assert.Equal("'draw: 3' asks for more steps than the quiz has: 2 steps have choices.", error.Message);
        Assert.Equal("Lower 'draw' to 2 or less, or add steps.", error.Fix);
    }

    [Fact]
    public void Parse_ReportsDrawWithBranching_NamingTheJumpLine()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            draw: 1
            ---
            ## One {#one}
            - [x] A -> three
            - [ ] B
            ## Two {#two}
            - [x] A
            ## Three {#three}
            - [x] A
            """);

        Assert.Equal(3, error.Line);
        Assert.Contains("cannot be used with jumps between steps (line 6 jumps '-> three')", error.Message);
    }

    [Fact]
    public void Parse_ReportsAWeakerChoice_WhosePathCanEarnMoreThanTheBestChoice()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Arrival {#arrival}
            - [3] Welcome her -> settled
            - [2] Ask for the reference -> detour
            ## Detour {#detour}
            - [3] Apologise
            ## Still at the desk {#desk}
            - [3] Offer the room
            ## Settled {#settled}
            She sleeps.
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("Choice 2 of step 'arrival' ([2]) leads to a path worth up to 8 marks, more than the 3", error.Message);
        Assert.Contains("Shorten the path", error.Fix);
    }

    [Fact]
    public void Parse_SortsErrorsByLine_AndWithholdsTheDocument_WhenThereAreSeveral()
    {
        var errors = QuizFiles.Errors("""
            ---
            title: T
            pass: 101
            ---
            ## A {#a}
            - [x] One -> nowhere
            ## A {#a}
            - [ ] Two
            """);

        Assert.Equal([3, 6, 7, 7, 7], errors.Select(e => e.Line));
    }
}
