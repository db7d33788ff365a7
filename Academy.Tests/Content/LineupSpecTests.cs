using Academy.Domain.Content;
using Academy.Domain.Practice;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "The daily line-up": <c>lineup.md</c> holds a cycle of standard ids and a calendar of
/// days that name their standard; every id must be a standard of standards.md.</summary>
public sealed class LineupSpecTests
{
    private const string Lineup = """
        ---
        title: Daily line-up
        start: 2026-01-05
        ---
        One standard a day.

        ## Cycle
        1. listen-first
        2. warm-welcome

        ## Calendar
        - 2026-12-24: warm-welcome
        - 2026-01-07: listen-first
        """;

    [Fact]
    public void Lineup_IsReadWithItsCycleCalendarAndStart()
    {
        var lineup = Spec.ParseAll(("standards.md", Spec.Standards), ("lineup.md", Lineup)).In("lineup.md").Document<LineupDocument>();

        Assert.Equal(["listen-first", "warm-welcome"], lineup.Cycle);
        Assert.Equal([new LineupDay(new DateOnly(2026, 1, 7), "listen-first"), new LineupDay(new DateOnly(2026, 12, 24), "warm-welcome")], lineup.Calendar);
        Assert.Equal(new DateOnly(2026, 1, 5), lineup.Start);
        Assert.Equal(LineupRules.DefaultWorkingDays, lineup.WorkingDays);
    }

    [Fact]
    public void CalendarLine_NamingAnUnknownStandard_IsAnErrorWithItsLineAndFix()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), ("lineup.md", Lineup.Replace("2026-12-24: warm-welcome", "2026-12-24: warm-welcom")));

        var error = files.In("lineup.md").SingleError(12, "Unknown standard 'warm-welcom'", "Did you mean 'warm-welcome'?");
        Assert.Equal("lineup.md", error.File);
    }

    [Fact]
    public void CycleLine_NamingAnUnknownStandard_IsAnErrorWithItsLine()
    {
        var files = Spec.ParseAll(("standards.md", Spec.Standards), ("lineup.md", Lineup.Replace("2. warm-welcome", "2. be-nice")));

        files.In("lineup.md").SingleError(9, "Unknown standard 'be-nice'", "standards.md");
    }

    [Theory]
    [InlineData("- 2026-12-24: warm-welcome", "- 24/12/2026: warm-welcome", 12, "does not start with a date")]
    [InlineData("- 2026-12-24: warm-welcome", "- 2026-12-24:", 12, "names no standard")]
    [InlineData("- 2026-12-24: warm-welcome", "- 2026-01-07: warm-welcome", 13, "in the calendar twice: on line 12 and on line 13")]
    [InlineData("## Calendar", "## Holidays", 11, "'Holidays' is not a section")]
    [InlineData("start: 2026-01-05", "start: next monday", 3, "'next monday' is not a date")]
    [InlineData("start: 2026-01-05", "working-days: [monday, tusday]", 3, "Did you mean 'tuesday'?")]
    public void BadLine_IsAnErrorWithItsLine(string from, string to, int line, string expected)
    {
        var file = Spec.ParseAll(("standards.md", Spec.Standards), ("lineup.md", Lineup.Replace(from, to))).In("lineup.md");

        Assert.Null(file.Document);
        var error = Assert.Single(file.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message + " " + error.Fix);
    }

    [Fact]
    public void WorkingDays_AreReadInWeekOrder()
    {
        var lineup = Spec.Parse("lineup.md", "---\nworking-days: [saturday, monday, sunday]\n---\n").Document<LineupDocument>();

        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Saturday], lineup.WorkingDays);
        Assert.Empty(lineup.Cycle);
    }

    [Fact]
    public void Lineup_IsStoredAndReadBackAsItsOwnKind()
    {
        var lineup = Spec.ParseAll(("standards.md", Spec.Standards), ("lineup.md", Lineup)).In("lineup.md").Document<LineupDocument>();
        var json = System.Text.Json.JsonSerializer.Serialize<ContentDocument>(lineup);

        var back = Assert.IsType<LineupDocument>(System.Text.Json.JsonSerializer.Deserialize<ContentDocument>(json));
        Assert.Equal(ContentKind.Lineup, back.ContentKind);
        Assert.Equal(lineup.Calendar, back.Calendar);
        Assert.Equal(lineup.Cycle, back.Cycle);
    }
}
