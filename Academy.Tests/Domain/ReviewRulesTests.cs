using Academy.Domain.Practice;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

public sealed class ReviewRulesTests
{
    [Fact]
    public void RatingFor_IsGoodWhenRightAndAgainWhenWrong_OnAKnowledgeCheck()
    {
        var step = Step("q", O(), X(), O());

        Assert.Equal(Rating.Good, ReviewRules.RatingFor(step, [2]));
        Assert.Equal(Rating.Again, ReviewRules.RatingFor(step, [1]));
    }

    [Fact]
    public void RatingFor_IsAgain_WhenAMultiSelectIsOnlyPartlyRight()
    {
        var step = Step("q", X(), X(), O());

        Assert.Equal(Rating.Again, ReviewRules.RatingFor(step, [1]));
        Assert.Equal(Rating.Good, ReviewRules.RatingFor(step, [1, 2]));
    }

    [Theory]
    [InlineData(1, Rating.Good)]
    [InlineData(2, Rating.Hard)]
    [InlineData(3, Rating.Again)]
    [InlineData(4, Rating.Again)]
    public void RatingFor_FollowsTheWeight_OnAJudgmentCall(int pick, Rating expected)
    {
        var step = Step("s", W(3), W(2), W(1), W(0));

        Assert.Equal(expected, ReviewRules.RatingFor(step, [pick]));
    }

    [Fact]
    public void IsReviewable_IsFalse_ForAnEnding()
    {
        Assert.False(ReviewRules.IsReviewable(Ending("done")));
        Assert.Throws<ArgumentException>(() => ReviewRules.RatingFor(Ending("done"), []));
    }

    [Fact]
    public void DueToday_ListsWhatFallsDueBeforeMidnight_MostOverdueFirst_AtAFakeDate()
    {
        var now = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
        (string Id, DateTimeOffset Due)[] items =
        [
            ("tonight", now.AddHours(15)),
            ("tomorrow", now.AddHours(16)),
            ("last week", now.AddDays(-7)),
            ("yesterday", now.AddDays(-1)),
        ];

        var due = ReviewRules.DueToday(items, i => i.Due, now);

        Assert.Equal(["last week", "yesterday", "tonight"], due.Select(i => i.Id));
    }

    [Fact]
    public void DueToday_BringsAWrongAnswerBackBeforeARightOne_OverAMonthOfDailyReviews()
    {
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var right = FsrsScheduler.Daily.Review(MemoryState.New(start), Rating.Good, start);
        var wrong = FsrsScheduler.Daily.Review(MemoryState.New(start), Rating.Again, start);
        int? firstSeenRight = null, firstSeenWrong = null;
        for (var day = 1; day <= 30; day++)
        {
            var now = start.AddDays(day);
            var due = ReviewRules.DueToday([("right", right), ("wrong", wrong)], i => i.Item2.Due, now).Select(i => i.Item1).ToList();
            if (due.Contains("right")) { firstSeenRight ??= day; right = FsrsScheduler.Daily.Review(right, Rating.Good, now); }
            if (due.Contains("wrong")) { firstSeenWrong ??= day; wrong = FsrsScheduler.Daily.Review(wrong, Rating.Good, now); }
        }

        Assert.Equal(1, firstSeenWrong);
        Assert.Equal(2, firstSeenRight);
        Assert.True(right.Stability > wrong.Stability);
    }
}
