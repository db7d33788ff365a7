using Academy.Domain.Practice;

namespace Academy.Tests.Domain;

public sealed class IdeaRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("The guest in 412 asked me to write to marie.dupont@gmail.com about the spa")]
    [InlineData("Write to JEAN-LUC_O'NEIL+spa@hotel-client.co.uk please")]
    [InlineData("email: élodie@exemple.fr")]
    public void CheckText_RefusesAnEmailAddress(string text)
    {
        Assert.Equal(IdeaTextProblem.EmailAddress, IdeaRules.CheckText(text));
    }

    [Theory]
    [InlineData("Call the guest back on +33 6 12 34 56 78 tomorrow")]
    [InlineData("Her number is 06.12.34.56.78.")]
    [InlineData("Mobile 06-12-34-56-78")]
    [InlineData("tel:0612345678")]
    [InlineData("He left +44 20 7946 0958 at the desk")]
    [InlineData("Ring (555) 123-4567 after six")]
    [InlineData("+1-555-123-4567")]
    [InlineData("0033 6 12 34 56 78 is her number")]
    [InlineData("+49 (0)30 1234567")]
    [InlineData("Mr Li's cell: 138 0013 8000")]
    public void CheckText_RefusesAPhoneNumber_InInternationalFormats(string text)
    {
        Assert.Equal(IdeaTextProblem.PhoneNumber, IdeaRules.CheckText(text));
    }

    [Theory]
    [InlineData("Guests in room 1204 ask for a late check-out on Sundays; offer it at the desk")]
    [InlineData("A gesture of 50 € for 2 guests on 2026-12-02 worked")]
    [InlineData("We served 1 250 000 breakfasts last year, 12.05.2026 was a record")]
    [InlineData("Budget 100 000 000 for the lobby")]
    [InlineData("Tables 4, 5 and 6 at 19:30; at 20:15 the terrace")]
    [InlineData("Allergy forms @ the front desk, version 3.2.1")]
    public void CheckText_AcceptsNumbersThatAreNotPhoneNumbers_AndAtSignsThatAreNotEmails(string text)
    {
        Assert.Null(IdeaRules.CheckText(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n  ")]
    public void CheckText_RefusesAnEmptyText(string? text)
    {
        Assert.Equal(IdeaTextProblem.Empty, IdeaRules.CheckText(text));
    }

    [Fact]
    public void CheckText_AcceptsAThousandCharacters_AndRefusesOneMore_AfterTrimming()
    {
        Assert.Null(IdeaRules.CheckText("  " + new string('a', 1000) + "  "));
        Assert.Equal(IdeaTextProblem.TooLong, IdeaRules.CheckText(new string('a', 1001)));
    }

    [Fact]
    public void IsDoublePost_WhenTheSameTextComesWithinAMinute_ButNotAfterOrWithOtherText()
    {
        Assert.True(IdeaRules.IsDoublePost("Warm towels at the pool", Now, " Warm towels at the pool\r\n", Now.AddSeconds(59)));
        Assert.True(IdeaRules.IsDoublePost("Warm towels at the pool", Now, "Warm towels at the pool", Now.AddMinutes(1)));
        Assert.False(IdeaRules.IsDoublePost("Warm towels at the pool", Now, "Warm towels at the pool", Now.AddSeconds(61)));
        Assert.False(IdeaRules.IsDoublePost("Warm towels at the pool", Now, "Warm towels at the spa", Now.AddSeconds(5)));
    }

    [Fact]
    public void DoublePostKey_OfTwoPostsUnderHalfAMinuteApart_SharesASlot_WhereverTheMinuteTurns()
    {
        var minute = new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);
        foreach (var first in Enumerable.Range(-40, 80).Select(s => minute.AddSeconds(s)))
            foreach (var gap in new[] { 0, 1, 15, 29 })
                Assert.True(SharesASlot(IdeaRules.DoublePostKey("Warm towels", first), IdeaRules.DoublePostKey(" Warm towels\r\n", first.AddSeconds(gap))), $"{first:T} + {gap} s");
        // A minute and more apart: not a double post, and the keys let it be saved.
        Assert.False(SharesASlot(IdeaRules.DoublePostKey("Warm towels", minute), IdeaRules.DoublePostKey("Warm towels", minute.AddSeconds(61))));
        Assert.NotEqual(IdeaRules.DoublePostKey("Warm towels", minute).TextHash, IdeaRules.DoublePostKey("Warm towels at the spa", minute).TextHash);
    }

    private static bool SharesASlot((string TextHash, long Slot, long ShiftedSlot) a, (string TextHash, long Slot, long ShiftedSlot) b) =>
        a.TextHash == b.TextHash && (a.Slot == b.Slot || a.ShiftedSlot == b.ShiftedSlot);

    [Fact]
    public void MayDecide_TheAuthorsManagerChainAndHr_NotAnotherManagerNorTheAuthor()
    {
        string[] chain = ["team-lead", "head-of-rooms"];

        Assert.True(IdeaRules.MayDecide("team-lead", false, chain));
        Assert.True(IdeaRules.MayDecide("head-of-rooms", false, chain));
        Assert.True(IdeaRules.MayDecide("hr", true, chain));
        Assert.False(IdeaRules.MayDecide("other-manager", false, chain));
        Assert.False(IdeaRules.MayDecide("author", false, chain));
    }

    [Fact]
    public void MayEndorse_AColleague_NotTheAuthor()
    {
        Assert.True(IdeaRules.MayEndorse("author", "colleague"));
        Assert.False(IdeaRules.MayEndorse("author", "author"));
    }

    [Theory]
    [InlineData(IdeaStatus.Proposed, IdeaStatus.Trying)]
    [InlineData(IdeaStatus.Proposed, IdeaStatus.InPractice)]
    [InlineData(IdeaStatus.Trying, IdeaStatus.InPractice)]
    [InlineData(IdeaStatus.NotNow, IdeaStatus.Trying)]
    public void CheckMove_AllowsTheLifecycle(IdeaStatus from, IdeaStatus to)
    {
        Assert.Null(IdeaRules.CheckMove(from, to, null, mayDecide: true));
    }

    [Theory]
    [InlineData(IdeaStatus.Proposed, IdeaStatus.Proposed)]
    [InlineData(IdeaStatus.Trying, IdeaStatus.Proposed)]
    [InlineData(IdeaStatus.InPractice, IdeaStatus.NotNow)]
    [InlineData(IdeaStatus.InPractice, IdeaStatus.Trying)]
    public void CheckMove_RefusesWhatIsNotAMove(IdeaStatus from, IdeaStatus to)
    {
        Assert.Equal(IdeaMoveProblem.NotAMove, IdeaRules.CheckMove(from, to, "a reason", mayDecide: true));
    }

    [Fact]
    public void CheckMove_NotNowNeedsAReason_AndNobodyMovesWithoutTheRight()
    {
        Assert.Equal(IdeaMoveProblem.ReasonMissing, IdeaRules.CheckMove(IdeaStatus.Proposed, IdeaStatus.NotNow, "  ", mayDecide: true));
        Assert.Equal(IdeaMoveProblem.ReasonTooLong, IdeaRules.CheckMove(IdeaStatus.Proposed, IdeaStatus.NotNow, new string('r', 501), mayDecide: true));
        Assert.Null(IdeaRules.CheckMove(IdeaStatus.Proposed, IdeaStatus.NotNow, "Budget is spent until March", mayDecide: true));
        Assert.Equal(IdeaMoveProblem.NotAllowed, IdeaRules.CheckMove(IdeaStatus.Proposed, IdeaStatus.InPractice, null, mayDecide: false));
    }

    [Fact]
    public void LastMonths_EndsWithTheCurrentMonth_AcrossAYearEnd()
    {
        var months = IdeaRules.LastMonths(new DateOnly(2026, 2, 17), 12);

        Assert.Equal(12, months.Count);
        Assert.Equal(new DateOnly(2025, 3, 1), months[0]);
        Assert.Equal(new DateOnly(2026, 1, 1), months[10]);
        Assert.Equal(new DateOnly(2026, 2, 1), months[11]);
    }
}
