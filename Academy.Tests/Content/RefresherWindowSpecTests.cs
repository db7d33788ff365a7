using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "Module": <c>refresher-window</c> opens the refresher before the completion expires.</summary>
public sealed class RefresherWindowSpecTests
{
    private static ParsedFile Module(string keys) => Spec.Parse(Spec.WarmWelcome, $"---\ntitle: The warm welcome\nkind: behavioral\n{keys}\n---\n## One\nText.\n");

    [Fact]
    public void RefresherWindow_IsRead_WhenGivenWithARefresher()
    {
        var module = Module("refresher: 6 months\nrefresher-window: 6 weeks").Document<ModuleDocument>();

        Assert.Equal(new Validity(42, ValidityUnit.Days), module.RefresherWindow);
    }

    [Fact]
    public void RefresherWindow_DefaultsToNull_WhichMeansThirtyDays()
    {
        Assert.Null(Module("refresher: 6 months").Document<ModuleDocument>().RefresherWindow);
        Assert.Equal(new Validity(30, ValidityUnit.Days), ModuleDocument.DefaultRefresherWindow);
    }

    [Fact]
    public void RefresherWindow_IsAnErrorOnItsLine_WithoutRefresher_OrLongerThanIt_OrUnreadable()
    {
        Module("refresher-window: 30 days").SingleError(4, "'refresher-window' needs a 'refresher' period.");
        Module("refresher: 1 month\nrefresher-window: 2 months").SingleError(5, "The refresher window (2 months) must be shorter than the refresher period (1 months).");
        Module("refresher: 1 year\nrefresher-window: soon").SingleError(5, "'refresher-window' must be a duration such as '90 days', '6 months' or '1 year'.");
    }

    [Fact]
    public void Refresher_ThatDoesNotParse_IsAnErrorWithItsLine()
    {
        Module("refresher: every spring").SingleError(4, "'refresher' must be a duration such as '90 days', '6 months' or '1 year'.");
    }
}
