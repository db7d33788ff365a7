using Academy.Domain.Assignments;
using Academy.Domain.Content;

namespace Academy.Tests.Domain;

public sealed class AudienceRuleTests
{
    private static readonly EmployeeFacts Sam = new("sam", "Front Desk", "Receptionist", "Paris", "mia", new DateOnly(2026, 9, 1));
    private static readonly EmployeeFacts Mia = new("mia", "Front Desk", "Front Desk manager", "Paris", "olga", new DateOnly(2020, 1, 1));
    private static readonly EmployeeFacts Omar = new("omar", "Billing", "Billing specialist", "Lyon", null, null);
    private static readonly OrgChart Org = new(new Dictionary<string, string?> { ["sam"] = "mia", ["mia"] = "olga", ["olga"] = null, ["omar"] = null });

    [Fact]
    public void Departments_JobRolesAndLocations_MatchIgnoringCaseAndSpaces()
    {
        Assert.True(new Departments([" front desk "]).Matches(Sam, Org));
        Assert.False(new Departments(["Billing"]).Matches(Sam, Org));
        Assert.True(new JobRoles(["RECEPTIONIST"]).Matches(Sam, Org));
        Assert.True(new Locations(["lyon"]).Matches(Omar, Org));
        Assert.False(new Locations(["Lyon"]).Matches(Sam, Org));
    }

    [Fact]
    public void TeamOf_MatchesDirectReportsOnly_UnlessAllReportsAreAsked()
    {
        Assert.True(new TeamOf("mia", false).Matches(Sam, Org));
        Assert.False(new TeamOf("olga", false).Matches(Sam, Org));
        Assert.True(new TeamOf("olga", true).Matches(Sam, Org));
        Assert.False(new TeamOf("mia", true).Matches(Mia, Org));
    }

    [Fact]
    public void TeamOf_StopsOnALoopInTheOrgChart()
    {
        var loop = new OrgChart(new Dictionary<string, string?> { ["a"] = "b", ["b"] = "a" });
        Assert.False(new TeamOf("nobody", true).Matches(new EmployeeFacts("a", null, null, null, "b", null), loop));
    }

    [Fact]
    public void TeamOf_AnswersFromTheTeamsAlone_WhenTheChartHoldsOnlyTheTeamsTheRulesName()
    {
        var teams = OrgChart.FromTeams(new Dictionary<string, IReadOnlySet<string>> { ["olga"] = new HashSet<string> { "mia", "sam" } });
        Assert.True(new TeamOf("olga", true).Matches(Sam, teams));
        Assert.True(new TeamOf("mia", false).Matches(Sam, teams));
        Assert.False(new TeamOf("olga", true).Matches(Omar, teams));
        Assert.False(new TeamOf("mia", true).Matches(Omar, teams));
    }

    [Fact]
    public void ManagersOfAllReports_FindsTheTeamRulesWithEveryLevel_InsideNestedRules()
    {
        var rule = new AllOf([new Departments(["Front Desk"]), new AnyOf([new TeamOf("olga", true), new TeamOf("mia", false)]), new TeamOf("zoe", true)]);
        Assert.Equal(["olga", "zoe"], rule.ManagersOfAllReports().Order().ToList());
        Assert.Empty(new Everyone().ManagersOfAllReports());
    }

    [Fact]
    public void HiredAfter_IncludesTheDay_AndNeverMatchesWithoutAHireDate()
    {
        Assert.True(new HiredAfter(new DateOnly(2026, 9, 1)).Matches(Sam, Org));
        Assert.False(new HiredAfter(new DateOnly(2026, 9, 2)).Matches(Sam, Org));
        Assert.False(new HiredAfter(new DateOnly(2000, 1, 1)).Matches(Omar, Org));
    }

    [Fact]
    public void AllOfAndAnyOf_CombineRules_AndAnEmptyAndMatchesNobody()
    {
        var frontDeskInParis = new AllOf([new Departments(["Front Desk"]), new Locations(["Paris"])]);
        var billingOrPeople = new AnyOf([new Departments(["Billing"]), new People(["sam"])]);

        Assert.True(frontDeskInParis.Matches(Sam, Org));
        Assert.False(frontDeskInParis.Matches(Omar, Org));
        Assert.True(billingOrPeople.Matches(Omar, Org));
        Assert.True(billingOrPeople.Matches(Sam, Org));
        Assert.False(billingOrPeople.Matches(Mia, Org));
        Assert.False(new AllOf([]).Matches(Sam, Org));
    }

    [Fact]
    public void Json_RoundTripsANestedRule_AndDamagedTextMatchesNobody()
    {
        AudienceRule rule = new AnyOf([new AllOf([new Departments(["Front Desk"]), new HiredAfter(new DateOnly(2026, 1, 1))]), new TeamOf("mia", true)]);

        var back = AudienceRule.FromJson(rule.ToJson())!;

        Assert.Contains("\"kind\":\"any\"", rule.ToJson());
        Assert.True(back.Matches(Sam, Org));
        Assert.False(back.Matches(Omar, Org));
        Assert.Null(AudienceRule.FromJson("{\"kind\":\"nonsense\"}"));
        Assert.Null(AudienceRule.FromJson("not json"));
    }

    [Fact]
    public void FromContent_ReadsEveryoneOrDepartmentsAndJobRoles()
    {
        Assert.True(AudienceRule.FromContent(Audience.All).Matches(Omar, Org));
        var backOffice = AudienceRule.FromContent(new Audience(false, ["Billing", "Receptionist"]));
        Assert.True(backOffice.Matches(Omar, Org));
        Assert.True(backOffice.Matches(Sam, Org));
        Assert.False(backOffice.Matches(Mia, Org));
    }
}

public sealed class DuePolicyTests
{
    private static readonly DateOnly Assigned = new(2026, 12, 2);

    [Fact]
    public void Fixed_IsTheDate_AndRefusedWhenInThePast()
    {
        var due = DuePolicy.Fixed(new DateOnly(2027, 1, 15));

        Assert.Equal(new ResolvedDue(new DateOnly(2027, 1, 15), false), due.For(null, Assigned));
        Assert.Null(due.Problem(Assigned));
        Assert.Equal("The due date is in the past: choose today or a later date.", DuePolicy.Fixed(new DateOnly(2026, 12, 1)).Problem(Assigned));
    }

    [Fact]
    public void AfterHire_CountsFromTheHireDate_OrFromTheAssignmentAndSaysSo()
    {
        var due = DuePolicy.AfterHire(new Validity(30, ValidityUnit.Days));

        Assert.Equal(new ResolvedDue(new DateOnly(2026, 12, 31), false), due.For(new DateOnly(2026, 12, 1), Assigned));
        Assert.Equal(new ResolvedDue(new DateOnly(2027, 1, 1), true), due.For(null, Assigned));
    }

    [Fact]
    public void AfterAssignment_UsesCalendarMonths_AndNoneHasNoDate()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), DuePolicy.AfterAssignment(new Validity(1, ValidityUnit.Months)).For(null, new DateOnly(2027, 1, 31)).Date);
        Assert.Null(DuePolicy.None.For(null, Assigned).Date);
    }
}

public sealed class RefresherTests
{
    private static readonly DateTimeOffset Expiry = new(2027, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StatusAt_IsValid_ThenWindowOpenThirtyDaysBefore_ThenExpired()
    {
        Assert.Equal(CompletionStatus.Valid, Refresher.StatusAt(Expiry, null, Expiry.AddDays(-31)));
        Assert.Equal(CompletionStatus.WindowOpen, Refresher.StatusAt(Expiry, null, Expiry.AddDays(-30)));
        Assert.Equal(CompletionStatus.Expired, Refresher.StatusAt(Expiry, null, Expiry));
        Assert.Equal(CompletionStatus.Valid, Refresher.StatusAt(null, null, Expiry.AddYears(10)));
    }

    [Fact]
    public void StatusAt_UsesTheModulesOwnWindow()
    {
        var twoMonths = new Validity(2, ValidityUnit.Months);
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.Zero), Refresher.WindowOpensAt(Expiry, twoMonths));
        Assert.Equal(CompletionStatus.WindowOpen, Refresher.StatusAt(Expiry, twoMonths, Expiry.AddDays(-45)));
    }

    [Fact]
    public void ExpiresWithinAWeek_IsTheLastSevenDays()
    {
        Assert.False(Refresher.ExpiresWithinAWeek(Expiry, Expiry.AddDays(-8)));
        Assert.True(Refresher.ExpiresWithinAWeek(Expiry, Expiry.AddDays(-7)));
        Assert.False(Refresher.ExpiresWithinAWeek(Expiry, Expiry));
    }
}

public sealed class RemindersTests
{
    private static readonly DateOnly Due = new(2027, 1, 15);

    [Theory]
    [InlineData(-8, null)]
    [InlineData(-7, NoticeKind.DueInAWeek)]
    [InlineData(-2, NoticeKind.DueInAWeek)]
    [InlineData(-1, NoticeKind.DueTomorrow)]
    [InlineData(0, NoticeKind.DueToday)]
    [InlineData(1, NoticeKind.Overdue)]
    public void ForDueDate_GivesTheOneReminderOfTheDay(int daysFromDue, NoticeKind? expected) =>
        Assert.Equal(expected, Reminders.ForDueDate(Due, Due.AddDays(daysFromDue)));

    [Fact]
    public void OverdueNotices_IgnoreTheDigestOptOut_OthersDoNot()
    {
        Assert.True(Reminders.IgnoresDigestOptOut(NoticeKind.Overdue));
        Assert.False(Reminders.IgnoresDigestOptOut(NoticeKind.DueTomorrow));
    }
}

public sealed class AssignmentSyncTests
{
    private static readonly AssignedItem Onboarding = new(ItemKind.Program, "onboarding");
    private static readonly AssignedItem BackOffice = new(ItemKind.Program, "back-office");
    private static readonly AssignedItem Refunds = new(ItemKind.Module, "refunds");

    [Fact]
    public void Plan_AddsNewItems_RestoresWithdrawnOnes_AndWithdrawsOnlyUnfinishedRuleAssignments()
    {
        var existing = new List<ExistingAssignment>
        {
            new(1, Onboarding, AssignmentSource.Rule, Completed: false, Removed: true),
            new(2, BackOffice, AssignmentSource.Rule, Completed: false, Removed: false),
            new(3, Refunds, AssignmentSource.Manual, Completed: false, Removed: false),
            new(4, new AssignedItem(ItemKind.Module, "warm-welcome"), AssignmentSource.Rule, Completed: true, Removed: false),
        };

        var plan = AssignmentSync.Plan([Onboarding, new AssignedItem(ItemKind.Module, "escalation")], existing);

        Assert.Equal([new AssignedItem(ItemKind.Module, "escalation")], plan.Add);
        Assert.Equal([1L], plan.Restore);
        Assert.Equal([2L], plan.Remove);
    }

    [Fact]
    public void Plan_IsEmpty_WhenEverythingIsInPlace()
    {
        Assert.True(AssignmentSync.Plan([Onboarding], [new(1, Onboarding, AssignmentSource.Rule, false, false)]).IsEmpty);
    }

    [Fact]
    public void Preview_CountsGainsAndLosses_AndSaysWhenNobodyMatches()
    {
        var preview = AudiencePreview.Compare(["a", "b"], ["b", "c", "d"]);

        Assert.Equal(["c", "d"], preview.Gains);
        Assert.Equal(["a"], preview.Losses);
        Assert.Equal(3, preview.MatchCount);
        Assert.True(AudiencePreview.Compare(["a"], []).MatchesNobody);
    }
}
