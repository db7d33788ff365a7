using Academy.Domain.People;

namespace Academy.Tests.Domain;

public sealed class ReportingLineTests
{
    // mona manages dev, dev manages kim; lou has no manager.
    private static readonly Dictionary<string, string> Managers = new() { ["dev"] = "mona", ["kim"] = "dev" };

    [Fact]
    public void CircleIf_IsTheEmployeeAlone_WhenTheyWouldManageThemselves() =>
        Assert.Equal(["mona"], ReportingLine.CircleIf("mona", "mona", Managers));

    [Fact]
    public void CircleIf_GoesUpFromTheManagerToTheEmployee_WhenTheManagerReportsToThem()
    {
        Assert.Equal(["dev", "mona"], ReportingLine.CircleIf("mona", "dev", Managers));
        Assert.Equal(["kim", "dev", "mona"], ReportingLine.CircleIf("mona", "kim", Managers));
    }

    [Theory]
    [InlineData("kim", "mona")]
    [InlineData("lou", "kim")]
    [InlineData("kim", "lou")]
    [InlineData("dev", "unknown")]
    public void CircleIf_IsEmpty_WhenTheLineStaysOpen(string employee, string manager) =>
        Assert.Empty(ReportingLine.CircleIf(employee, manager, Managers));

    [Fact]
    public void CircleIf_Ends_WhenTheDataAlreadyHoldsACircleElsewhere() =>
        Assert.Empty(ReportingLine.CircleIf("lou", "a", new Dictionary<string, string> { ["a"] = "b", ["b"] = "a" }));
}
