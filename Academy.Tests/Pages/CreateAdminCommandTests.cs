using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The production bootstrap verb: <c>dotnet run --project Academy.Web -- create-admin --email …</c>.</summary>
[Collection(HostCollection.Name)]
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class CreateAdminCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("academy-admin-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        Environment.SetEnvironmentVariable("ACADEMY_ADMIN_PASSWORD", null);
    }

    [Fact]
    public async Task CreateAdmin_MakesTheFirstAdministrator_InProductionWithNoDemoAccount()
    {
        await using var app = BuildProductionApp();
        Environment.SetEnvironmentVariable("ACADEMY_ADMIN_PASSWORD", "First-Admin-Secret-1");

        var code = await CreateAdminCommand.RunAsync(app, ["--email", "boss@example.com", "--name", "Dana Boss"]);

        Assert.Equal(0, code);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var admin = await users.FindByEmailAsync("boss@example.com");
        Assert.NotNull(admin);
        Assert.Equal("Dana Boss", admin.FullName);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "First-Admin-Secret-1"));
        Assert.Null(await users.FindByEmailAsync("newhire@academy.test"));
    }

    [Fact]
    public async Task CreateAdmin_Refuses_WhenTheEmailIsMissingOrTaken()
    {
        await using var app = BuildProductionApp();
        Environment.SetEnvironmentVariable("ACADEMY_ADMIN_PASSWORD", "First-Admin-Secret-1");

        Assert.Equal(2, await CreateAdminCommand.RunAsync(app, []));
        Assert.Equal(0, await CreateAdminCommand.RunAsync(app, ["--email", "boss@example.com"]));
        Assert.Equal(1, await CreateAdminCommand.RunAsync(app, ["--email", "boss@example.com"]));
    }

    private WebApplication BuildProductionApp()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = Path.Combine(AcademyFactory.RepositoryRoot, "Academy.Web"),
        });
        builder.Configuration["ConnectionStrings:Academy"] = $"Data Source={Path.Combine(_folder, "academy.db")}";
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddAcademy();
        return builder.Build();
    }
}
