using System.Net;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Employees of their own and certificates for them, so that certificate tests sharing one site never meet.</summary>
public static class CertificateHelpers
{
    private static int _address;

    public static async Task<(string Id, string Email)> NewEmployeeAsync(this AcademyFactory factory, string fullName, string language = "en", string department = "Front Desk")
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var email = $"cert-{Guid.NewGuid():N}@academy.test";
        var employee = new Employee
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, PreferredLanguage = language,
            Department = department, EmployeeNumber = $"C{Random.Shared.Next(100_000_000)}",
        };
        var created = await users.CreateAsync(employee, AcademyFactory.Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(employee, "Learner");
        return (employee.Id, email);
    }

    /// <summary>Records a completion of every module of the program (expiring as each module says) and runs the issuing job.</summary>
    public static async Task<Certificate> CompleteProgramAsync(this AcademyFactory factory, string employeeId, string programId = "onboarding", DateTimeOffset? at = null)
    {
        var content = factory.Services.GetRequiredService<ContentCatalog>().Current;
        await factory.RecordCompletionsAsync(employeeId, content.Programs.Single(p => p.Id == programId).ModuleIds, at);
        using var scope = factory.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<CertificateIssueJob>().RunAsync(employeeId, programId, CancellationToken.None);
        return issued ?? throw new InvalidOperationException("No certificate was issued.");
    }

    /// <summary>Records a completion of each module (expiring as each module says), as finishing it would, and nothing else.</summary>
    public static async Task RecordCompletionsAsync(this AcademyFactory factory, string employeeId, IEnumerable<string> moduleIds, DateTimeOffset? at = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
        var when = at ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var moduleId in moduleIds)
        {
            var module = content.Module(moduleId)!;
            var sequence = await db.ModuleCompletions.CountAsync(c => c.EmployeeId == employeeId && c.ModuleId == moduleId) + 1;
            db.ModuleCompletions.Add(new ModuleCompletion
            {
                EmployeeId = employeeId, ModuleId = moduleId, Sequence = sequence, ModuleVersion = module.Version,
                CompletedAt = when, ExpiresAt = module.Default.Refresher?.AddTo(when),
            });
        }
        await db.SaveChangesAsync();
    }

    public static async Task UpdateCertificateAsync(this AcademyFactory factory, int id, Action<Certificate> change)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        change(await db.Certificates.SingleAsync(c => c.Id == id));
        await db.SaveChangesAsync();
    }

    public static async Task<T> WithDbAsync<T>(this AcademyFactory factory, Func<AcademyDbContext, Task<T>> read)
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<AcademyDbContext>());
    }

    /// <summary>An anonymous client with a client address of its own: the verification rate limit counts per address.</summary>
    public static HttpClient AnonymousClient(this AcademyFactory factory)
    {
        var n = Interlocked.Increment(ref _address);
        var address = new IPAddress([10, 77, (byte)(n / 256), (byte)(n % 256)]);
        return new HttpClient(factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = address)) { BaseAddress = factory.Server.BaseAddress };
    }
}
