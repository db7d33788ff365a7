using System.Net;
using Academy.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A site whose clock the test moves forward, to see what happens once a session is older than a minute.</summary>
public sealed class ClockedFactory : AcademyFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }
}

[Collection(HostCollection.Name)]
public sealed class SessionTests : IDisposable
{
    private readonly ClockedFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task DeactivatingAnEmployee_EndsTheirOpenSession_OnceTheCookieIsAMinuteOld()
    {
        using (var scope = _site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var created = await users.CreateAsync(new Employee { UserName = "leaver@academy.test", Email = "leaver@academy.test", EmailConfirmed = true, FullName = "Lee Leaver", IsActive = true }, AcademyFactory.Password);
            Assert.True(created.Succeeded);
        }
        var leaver = await _site.SignInAsync("leaver@academy.test");
        var admin = await _site.SignInAsync("admin@academy.test");
        var id = (await admin.GetDocumentAsync("/admin/employees?q=leaver@academy")).QuerySelector("tbody a")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(id + "?handler=Active", new() { ["active"] = "false" }, formPage: id)).StatusCode);
        // Within the minute the cookie is trusted as it is, without a query.
        Assert.Equal(HttpStatusCode.OK, (await leaver.GetAsync("/catalog")).StatusCode);

        _site.Clock.Ahead = TimeSpan.FromMinutes(2);
        var after = await leaver.GetAsync("/catalog");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/employees")).StatusCode);
    }
}
