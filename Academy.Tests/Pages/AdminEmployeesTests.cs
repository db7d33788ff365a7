using System.Net;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class AdminEmployeesTests(AcademyFactory factory)
{
    [Fact]
    public async Task Admin_CreatesAnEmployee_WhoCanThenSignInWithTheirRoles()
    {
        var admin = await factory.SignInAsync("admin@academy.test");

        var response = await admin.PostFormAsync("/admin/employees/new", new()
        {
            ["Form.FullName"] = "Priya Nair", ["Form.Email"] = "priya@academy.test", ["Form.EmployeeNumber"] = "E2001",
            ["Form.Department"] = "Reservations", ["Form.JobRole"] = "Agent", ["Form.PreferredLanguage"] = "en",
            ["Form.Roles"] = "Learner", ["Password"] = "Welcome-To-Academy-1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetDocumentAsync("/admin/employees?q=priya");
        Assert.Contains("Priya Nair", list.QuerySelector("table.data tbody")!.TextContent);
        var priya = await factory.SignInAsync("priya@academy.test", "Welcome-To-Academy-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await priya.GetAsync("/admin/employees")).StatusCode);
    }

    [Theory]
    [InlineData("LÉA")]
    [InlineData("léa mor")]
    [InlineData("Lea@Academy")]
    public async Task Search_IgnoresCase_AccentedLettersIncluded(string typed)
    {
        var admin = await factory.SignInAsync("admin@academy.test");

        var list = await admin.GetDocumentAsync($"/admin/employees?q={Uri.EscapeDataString(typed)}");

        var rows = list.QuerySelectorAll("table.data tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Léa Moreau"));
        Assert.DoesNotContain(rows, r => r.Contains("Omar"));
    }

    [Fact]
    public async Task Create_ShowsTheFieldError_WhenTheEmailIsMissing()
    {
        var admin = await factory.SignInAsync("admin@academy.test");

        var response = await admin.PostFormAsync("/admin/employees/new", new() { ["Form.FullName"] = "No Mail", ["Form.Email"] = "", ["Password"] = "Welcome-To-Academy-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the email.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_EditsRolesAndDeactivates_AndTheEmployeeLosesAccess()
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        await admin.PostFormAsync("/admin/employees/new", new()
        {
            ["Form.FullName"] = "Tom Baker", ["Form.Email"] = "tom@academy.test", ["Form.Roles"] = "Learner", ["Password"] = "Welcome-To-Academy-1",
        });
        var id = (await admin.GetDocumentAsync("/admin/employees?q=tom@academy")).QuerySelector("tbody a")!.GetAttribute("href")!;

        var edit = await admin.PostFormAsync(id, new()
        {
            ["Form.FullName"] = "Tom Baker", ["Form.Email"] = "tom@academy.test", ["Form.Department"] = "IT", ["Form.Roles"] = "Admin",
        });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var tom = await factory.SignInAsync("tom@academy.test", "Welcome-To-Academy-1");
        Assert.Equal(HttpStatusCode.OK, (await tom.GetAsync("/admin/employees")).StatusCode);

        var deactivate = await admin.PostFormAsync(id + "?handler=Active", new() { ["active"] = "false" }, formPage: id);
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        var again = await factory.NewClient().PostFormAsync("/account/login", new() { ["Input.Email"] = "tom@academy.test", ["Input.Password"] = "Welcome-To-Academy-1" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain("tom@academy.test", (await admin.GetDocumentAsync("/admin/employees")).QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task Admin_SetsAnEmployeesLocation_AndAnAudienceByLocationSelectsThem()
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        var created = await admin.PostFormAsync("/admin/employees/new", new()
        {
            ["Form.FullName"] = "Ines Duarte", ["Form.Email"] = "ines.duarte@academy.test", ["Form.Location"] = "Marseille", ["Form.Roles"] = "Learner", ["Password"] = "Welcome-To-Academy-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = (await admin.GetDocumentAsync("/admin/employees?q=ines.duarte@academy")).QuerySelector("tbody a")!.GetAttribute("href")!;
        var form = await admin.GetDocumentAsync(id);
        Assert.Equal("Location", form.QuerySelector("label[for=Form_Location]")!.TextContent);
        Assert.Equal("Marseille", form.QuerySelector("#Form_Location")!.GetAttribute("value"));

        var edited = await admin.PostFormAsync(id, new()
        {
            ["Form.FullName"] = "Ines Duarte", ["Form.Email"] = "ines.duarte@academy.test", ["Form.Location"] = "  Nice ", ["Form.Roles"] = "Learner",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Nice", (await admin.GetDocumentAsync(id)).QuerySelector("#Form_Location")!.GetAttribute("value"));

        var hr = await factory.SignInAsync("hr@academy.test");
        var preview = await HttpClientForms.ParseAsync(await hr.PostFormAsync("/assignments/edit?handler=Preview", new()
        {
            ["Form.Item"] = "module:refunds", ["Form.Locations"] = "Nice", ["Form.DueKind"] = "None", ["Form.Reason"] = "Nice site opening",
        }, "/assignments/edit"));
        Assert.Equal("1", preview.QuerySelector("#gain-count")!.TextContent);
        Assert.Contains("Ines Duarte", preview.QuerySelector("#gains")!.TextContent);
    }
}
