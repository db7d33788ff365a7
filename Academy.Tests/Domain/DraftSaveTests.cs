using Academy.Domain.Content;

namespace Academy.Tests.Domain;

public sealed class DraftSaveTests
{
    [Fact]
    public void Judge_StartsADraft_WhenThereWasNoneAndIsNone() =>
        Assert.Equal(DraftSaveVerdict.Start, DraftSave.Judge(null, null, 0, "camille@academy.test"));

    [Fact]
    public void Judge_Replaces_WhenTheDraftIsTheRevisionThePageHolds() =>
        Assert.Equal(DraftSaveVerdict.Replace, DraftSave.Judge(4, "alex@academy.test", 4, "camille@academy.test"));

    [Fact]
    public void Judge_SaysGone_WhenTheDraftThePageHoldsWasPublishedOrDiscarded() =>
        Assert.Equal(DraftSaveVerdict.Gone, DraftSave.Judge(null, null, 3, "camille@academy.test"));

    [Theory]
    [InlineData(5, 4)]
    [InlineData(1, 0)]
    [InlineData(1, 7)]
    public void Judge_NamesTheOtherAuthor_WhenSomeoneElseSavedSince(int stored, int loaded) =>
        Assert.Equal(DraftSaveVerdict.SavedByAnother, DraftSave.Judge(stored, "alex@academy.test", loaded, "camille@academy.test"));

    [Fact]
    public void Judge_TellsTheAuthorTheyThemselvesSavedElsewhere_WhenTheirOtherWindowSavedSince() =>
        Assert.Equal(DraftSaveVerdict.SavedElsewhereBySelf, DraftSave.Judge(5, "Camille@Academy.test", 4, "camille@academy.test"));

    [Theory]
    [InlineData(DraftSaveVerdict.Start, true)]
    [InlineData(DraftSaveVerdict.Replace, true)]
    [InlineData(DraftSaveVerdict.Gone, false)]
    [InlineData(DraftSaveVerdict.SavedByAnother, false)]
    [InlineData(DraftSaveVerdict.SavedElsewhereBySelf, false)]
    public void MayGoAhead_OnlyWhenNothingChangedUnderThePage(DraftSaveVerdict verdict, bool expected) =>
        Assert.Equal(expected, verdict.MayGoAhead());
}
