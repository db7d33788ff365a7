using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Infrastructure;

/// <summary><c>dotnet run --project Academy.Web -- create-admin --email x@y [--name "Full Name"]</c>: creates the
/// first administrator of a production install. The password comes from ACADEMY_ADMIN_PASSWORD or, failing
/// that, the first line of standard input, so it never appears in the shell history.</summary>
public static class CreateAdminCommand
{
    public const string Verb = "create-admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var email = Option(args, "--email");
        if (email is null)
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email admin@example.com [--name \"Full Name\"]  (password from ACADEMY_ADMIN_PASSWORD or standard input)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("ACADEMY_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected) await Console.Out.WriteAsync("Password: ");
            password = (await Console.In.ReadLineAsync())?.Trim();
        }
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("No password: set ACADEMY_ADMIN_PASSWORD or type it on standard input.");
            return 2;
        }

        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await Console.Error.WriteLineAsync($"An account with the email {email} exists already.");
            return 1;
        }
        var admin = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = Option(args, "--name") ?? email };
        var result = await users.CreateAsync(admin, password);
        if (result.Succeeded) result = await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Learner]);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) await Console.Error.WriteLineAsync(error.Description);
            return 1;
        }
        await Console.Out.WriteLineAsync($"Created administrator {email}.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
