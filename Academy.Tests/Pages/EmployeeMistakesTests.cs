using System.Net;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>An administrator's ordinary mistakes on the employee forms come back as a message on the field, never a 500.</summary>
[Collection(HostCollection.Name)]
public sealed class EmployeeMistakesTests(AcademyFactory factory)
{
    [Fact]
    public async Task Create_ShowsAFieldError_WhenTheEmployeeNumberIsTaken()
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        await CreateAsync(admin, "Rosa Diaz", "rosa@academy.test", "E4001");

        var second = await CreateAsync(admin, "Rosa Twin", "rosa.twin@academy.test", "E4001");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("E4001 is already the number of Rosa Diaz", FieldError(await Document(second), "Form_EmployeeNumber"));
        Assert.Null(await FindAsync("rosa.twin@academy.test"));
    }

    [Fact]
    public async Task Edit_ShowsAFieldError_WhenTheEmployeeNumberIsAnotherEmployees()
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        await CreateAsync(admin, "Ivan Petrov", "ivan@academy.test", "E4101");
        await CreateAsync(admin, "Ines Costa", "ines@academy.test", "E4102");
        var ines = (await FindAsync("ines@academy.test"))!;

        var edit = await admin.PostFormAsync($"/admin/employees/{ines.Id}", new()
        {
            ["Form.FullName"] = "Ines Costa", ["Form.Email"] = "ines@academy.test", ["Form.EmployeeNumber"] = " E4101 ", ["Form.Roles"] = "Learner",
        });

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("E4101 is already the number of Ivan Petrov", FieldError(await Document(edit), "Form_EmployeeNumber"));
        Assert.Equal("E4102", (await FindAsync("ines@academy.test"))!.EmployeeNumber);
    }

    [Fact]
    public async Task Create_ShowsAFieldError_WhenTheManagerDoesNotExist()
    {
        var admin = await factory.SignInAsync("admin@academy.test");

        var response = await CreateAsync(admin, "Lost Report", "lost@academy.test", null, managerId: "no-such-employee");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a manager from the list", FieldError(await Document(response), "Form_ManagerId"));
        Assert.Null(await FindAsync("lost@academy.test"));
    }

    [Fact]
    public async Task Edit_ShowsAFieldError_WhenTheEmployeeIsTheirOwnManager_OrTheirReportsReport()
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        await CreateAsync(admin, "Mona Chief", "mona@academy.test", null);
        var mona = (await FindAsync("mona@academy.test"))!;
        await CreateAsync(admin, "Dev Report", "dev@academy.test", null, managerId: mona.Id);
        var dev = (await FindAsync("dev@academy.test"))!;

        var own = await EditManagerAsync(admin, mona, mona.Id);
        var loop = await EditManagerAsync(admin, mona, dev.Id);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("cannot be their own manager", FieldError(await Document(own), "Form_ManagerId"));
        Assert.Equal(HttpStatusCode.OK, loop.StatusCode);
        Assert.Contains("Dev Report reports to Mona Chief", FieldError(await Document(loop), "Form_ManagerId"));
        Assert.Null((await FindAsync("mona@academy.test"))!.ManagerId);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Activate_RefusesAnythingButTrueOrFalse_AndChangesNothing(string? value)
    {
        var admin = await factory.SignInAsync("admin@academy.test");
        var email = $"toggle-{Guid.NewGuid():N}@academy.test";
        await CreateAsync(admin, "Toggle Test", email, null);
        var id = (await FindAsync(email))!.Id;

        var response = await admin.PostFormAsync($"/admin/employees/{id}?handler=Active",
            value is null ? [] : new() { ["active"] = value }, formPage: $"/admin/employees/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await FindAsync(email))!.IsActive);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, string name, string email, string? number, string? managerId = null) =>
        admin.PostFormAsync("/admin/employees/new", new()
        {
            ["Form.FullName"] = name, ["Form.Email"] = email, ["Form.EmployeeNumber"] = number ?? "", ["Form.ManagerId"] = managerId ?? "",
            ["Form.Roles"] = "Learner", ["Password"] = "Welcome-To-Academy-1",
        });

    private static Task<HttpResponseMessage> EditManagerAsync(HttpClient admin, Employee employee, string managerId) =>
        admin.PostFormAsync($"/admin/employees/{employee.Id}", new()
        {
            ["Form.FullName"] = employee.FullName, ["Form.Email"] = employee.Email!, ["Form.ManagerId"] = managerId, ["Form.Roles"] = "Learner",
        });

    private async Task<Employee?> FindAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().FindByEmailAsync(email);
    }

    /// <summary>The error shown under a field, found as a person would: next to the field's label.</summary>
    private static string FieldError(IHtmlDocument page, string fieldId) =>
        page.GetElementById(fieldId)!.ParentElement!.QuerySelector(".field-error")?.TextContent ?? "";

    private static async Task<IHtmlDocument> Document(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
