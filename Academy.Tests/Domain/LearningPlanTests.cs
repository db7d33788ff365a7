using Academy.Domain.Content;
using Academy.Domain.Learning;

namespace Academy.Tests.Domain;

public sealed class LearningPlanTests
{
    private static ModuleDocument Module(string id, Audience audience) => new(id, "en", id, ModuleKind.Behavioral, [], null, null, audience, "", [new Lesson(1, "One", "")]);

    private static ModuleProgress Done => new(1, 1, 1, 1, ProgressState.Completed, null);

    private static readonly Dictionary<string, ModuleDocument> Modules = new()
    {
        ["welcome"] = Module("welcome", Audience.All),
        ["listen"] = Module("listen", Audience.All),
        ["billing-basics"] = Module("billing-basics", new Audience(false, ["Billing"])),
        ["dispatch"] = Module("dispatch", new Audience(false, ["Dispatcher"])),
    };

    private static readonly ProgramDocument Onboarding = new("onboarding", "Onboarding", Audience.All, null, true, "", ["welcome", "listen", "retired-module"]);
    private static readonly ProgramDocument BackOffice = new("back-office", "Back office", new Audience(false, ["billing"]), null, true, "", ["billing-basics"]);

    [Fact]
    public void For_PointsToTheFirstUnfinishedModuleOfEachProgram_AndSkipsUnpublishedOnes()
    {
        var plan = LearningPlan.For([Onboarding, BackOffice], Modules, "Front Desk", null, new Dictionary<string, ModuleProgress> { ["welcome"] = Done });

        var onboarding = Assert.Single(plan.Programs);
        Assert.Equal("listen", onboarding.NextModuleId);
        Assert.Equal(2, onboarding.ModuleCount);
        Assert.Equal(50, onboarding.Percent);
    }

    [Fact]
    public void For_MatchesAudiencesByDepartmentOrJobRole_IgnoringCase()
    {
        var plan = LearningPlan.For([Onboarding, BackOffice], Modules, " BILLING ", "Dispatcher", new Dictionary<string, ModuleProgress>());

        Assert.Equal(["Back office", "Onboarding"], plan.Programs.Select(p => p.Program.Title));
        Assert.Equal(["dispatch"], plan.OtherModules);
    }

    [Fact]
    public void For_ListsRefreshersDue_AndPutsCompletedProgramsLast()
    {
        var progress = new Dictionary<string, ModuleProgress>
        {
            ["welcome"] = Done, ["listen"] = Done,
            ["billing-basics"] = new(0, 1, 0, 1, ProgressState.RefresherDue, null),
        };

        var plan = LearningPlan.For([Onboarding, BackOffice], Modules, "Billing", null, progress);

        Assert.Equal(["billing-basics"], plan.RefreshersDue);
        Assert.True(plan.Programs[^1].IsComplete);
        Assert.Equal("back-office", plan.Programs[0].Program.Id);
    }
}
