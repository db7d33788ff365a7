using Academy.Domain.Practice;

namespace Academy.Tests.Domain;

/// <summary>Worked examples from the reference implementation's own tests (py-fsrs 6.3, tests/test_basic.py), with fuzz off.</summary>
public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2022, 11, 29, 12, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Rating.Again, 0.212)]
    [InlineData(Rating.Hard, 1.2931)]
    [InlineData(Rating.Good, 2.3065)]
    [InlineData(Rating.Easy, 8.2956)]
    public void Review_StartsStabilityAtW0ToW3_WhenTheItemIsNew(Rating rating, double expected)
    {
        var card = FsrsScheduler.Default.Review(MemoryState.New(Start), rating, Start);

        Assert.Equal(expected, card.Stability!.Value, 10);
        Assert.Equal(Start, card.LastReview);
        Assert.Equal(1, card.Reps);
    }

    [Fact]
    public void Review_StartsDifficultyFromW4AndW5_WhenTheItemIsNew()
    {
        // D0(G) = w4 - e^(w5·(G-1)) + 1, clamped to 1..10.
        var good = FsrsScheduler.Default.Review(MemoryState.New(Start), Rating.Good, Start);
        var easy = FsrsScheduler.Default.Review(MemoryState.New(Start), Rating.Easy, Start);

        Assert.Equal(6.4133 - Math.Exp(0.8334 * 2) + 1, good.Difficulty!.Value, 10);
        Assert.Equal(1.0, easy.Difficulty!.Value);
    }

    [Fact]
    public void Review_GivesTheReferenceIntervals_ForASequenceOfRatingsEachOnItsDueDate()
    {
        Rating[] ratings = [Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Again, Rating.Again,
            Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good];
        var card = MemoryState.New(Start);
        var at = Start;
        List<int> intervals = [];
        foreach (var rating in ratings)
        {
            card = FsrsScheduler.Default.Review(card, rating, at);
            intervals.Add((int)Math.Floor((card.Due - card.LastReview!.Value).TotalDays));
            at = card.Due;
        }

        Assert.Equal([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21], intervals);
        Assert.Equal(1, card.Lapses);
        Assert.Equal(13, card.Reps);
        Assert.Equal(MemoryPhase.Review, card.Phase);
    }

    [Fact]
    public void Review_GivesTheReferenceMemoryState_AfterAgainThenFiveGoods()
    {
        Rating[] ratings = [Rating.Again, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good];
        int[] daysBefore = [0, 0, 1, 3, 8, 21];
        var card = MemoryState.New(Start);
        var at = Start;
        for (var i = 0; i < ratings.Length; i++)
        {
            at = at.AddDays(daysBefore[i]);
            card = FsrsScheduler.Default.Review(card, ratings[i], at);
        }

        Assert.Equal(53.62691, card.Stability!.Value, 4);
        Assert.Equal(6.3574867, card.Difficulty!.Value, 4);
    }

    [Fact]
    public void Review_BringsDifficultyDownToOne_WhenEveryReviewIsEasy()
    {
        var card = MemoryState.New(Start);
        for (var i = 0; i < 10; i++) card = FsrsScheduler.Default.Review(card, Rating.Easy, Start.AddTicks(i * 10));

        Assert.Equal(1.0, card.Difficulty);
    }

    [Fact]
    public void Review_UsesShortTermStability_WhenReviewedTwiceTheSameDay()
    {
        // Same day: S' = S · e^(w17·(G-3+w18)) · S^-w19, at least S for Good.
        var first = FsrsScheduler.Daily.Review(MemoryState.New(Start), Rating.Good, Start);
        var second = FsrsScheduler.Daily.Review(first, Rating.Good, Start.AddHours(3));

        var expected = 2.3065 * Math.Max(1, Math.Exp(0.5425 * 0.0912) * Math.Pow(2.3065, -0.0658));
        Assert.Equal(expected, second.Stability!.Value, 10);
    }

    [Fact]
    public void Daily_SchedulesInWholeDays_AndAWrongAnswerComesBackSoonerThanARightOne()
    {
        var right = FsrsScheduler.Daily.Review(MemoryState.New(Start), Rating.Good, Start);
        var wrong = FsrsScheduler.Daily.Review(MemoryState.New(Start), Rating.Again, Start);

        Assert.Equal(Start.AddDays(2), right.Due);
        Assert.Equal(Start.AddDays(1), wrong.Due);
        Assert.Equal(MemoryPhase.Review, right.Phase);
    }

    [Fact]
    public void Review_ShortensTheInterval_WhenAnItemInReviewIsForgotten()
    {
        var card = MemoryState.New(Start);
        for (var i = 0; i < 4; i++) card = FsrsScheduler.Daily.Review(card, Rating.Good, card.Due);
        var interval = card.Due - card.LastReview!.Value;

        var remembered = FsrsScheduler.Daily.Review(card, Rating.Good, card.Due);
        var forgotten = FsrsScheduler.Daily.Review(card, Rating.Again, card.Due);

        Assert.True(remembered.Due - remembered.LastReview!.Value > interval);
        Assert.True(forgotten.Due - forgotten.LastReview!.Value < interval);
        Assert.True(forgotten.Stability < card.Stability);
        Assert.True(forgotten.Difficulty > card.Difficulty);
        Assert.Equal(1, forgotten.Lapses);
    }

    [Fact]
    public void Retrievability_IsNinetyPercent_AfterStabilityDays()
    {
        var card = FsrsScheduler.Daily.Review(MemoryState.New(Start), Rating.Easy, Start);

        Assert.Equal(1.0, FsrsScheduler.Daily.Retrievability(card, Start));
        Assert.Equal(0.9, FsrsScheduler.Daily.Retrievability(card, Start.AddDays(8.2956)), 2);
        Assert.Equal(0, FsrsScheduler.Daily.Retrievability(MemoryState.New(Start), Start));
    }

    [Fact]
    public void NextIntervalDays_EqualsStability_AtNinetyPercentRetention()
    {
        Assert.Equal(10, FsrsScheduler.Daily.NextIntervalDays(10));
        Assert.Equal(1, FsrsScheduler.Daily.NextIntervalDays(0.2));
        Assert.True(new FsrsScheduler(desiredRetention: 0.8).NextIntervalDays(10) > 10);
    }

    [Fact]
    public void Constructor_RefusesParameters_WhenThereAreNot21()
    {
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(parameters: [1, 2, 3]));
    }
}
