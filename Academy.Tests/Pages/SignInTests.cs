using System.Net;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class SignInTests(AcademyFactory factory)
{
    [Fact]
    public async Task SignIn_ShowsTheLearnersHome_WhenThePasswordIsRight()
    {
        var client = await factory.SignInAsync("newhire@academy.test");

        var home = await client.GetDocumentAsync("/");

        Assert.Contains("Sam Rivera", home.QuerySelector("h1")!.TextContent);
        Assert.NotNull(home.QuerySelector("form[action='/account/logout']"));
    }

    [Fact]
    public async Task SignIn_StaysOnTheFormWithAnError_WhenThePasswordIsWrong()
    {
        var client = factory.NewClient();

        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = "hr@academy.test", ["Input.Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_LocksTheAccount_AfterFiveFailures()
    {
        await CreateEmployeeAsync("locked@academy.test", active: true);
        var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/account/login", new() { ["Input.Email"] = "locked@academy.test", ["Input.Password"] = "wrong-password" });

        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = "locked@academy.test", ["Input.Password"] = AcademyFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked for 15 minutes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_IsRefused_WhenTheEmployeeIsDeactivated()
    {
        await CreateEmployeeAsync("gone@academy.test", active: false);

        var response = await factory.NewClient().PostFormAsync("/account/login", new() { ["Input.Email"] = "gone@academy.test", ["Input.Password"] = AcademyFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("the account is not active", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_TakesAsLong_ForAnUnknownEmailAsForAKnownOneWithAWrongPassword()
    {
        // Lockout off, so that the known account keeps failing on its password rather than being locked.
        await CreateEmployeeAsync("timed@academy.test", active: true);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            await users.SetLockoutEnabledAsync((await users.FindByEmailAsync("timed@academy.test"))!, false);
        }
        var client = factory.NewClient();
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/account/login");
        async Task<double> TimeAsync(string email)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = "not-the-password", ["__RequestVerificationToken"] = token,
            });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.PostAsync("/account/login", form);
            watch.Stop();
            Assert.Contains("The email or password is not right", await response.Content.ReadAsStringAsync());
            return watch.Elapsed.TotalMilliseconds;
        }
        await TimeAsync("timed@academy.test");
        await TimeAsync("nobody-here@academy.test");

        // Interleaved, and compared by medians, so that a busy moment of the machine weighs on both alike.
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(await TimeAsync("timed@academy.test"));
            unknown.Add(await TimeAsync($"nobody-{i}@academy.test"));
        }

        var (knownMedian, unknownMedian) = (known.Order().ElementAt(3), unknown.Order().ElementAt(3));
        Assert.True(unknownMedian >= 0.5 * knownMedian,
            $"unknown email: median {unknownMedian:0.0} ms; known email, wrong password: median {knownMedian:0.0} ms");
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await factory.SignInAsync("trainer@academy.test");

        var response = await client.PostFormAsync("/account/logout", [], formPage: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/catalog");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ChangePassword_LetsTheEmployeeSignInWithTheNewOne()
    {
        await CreateEmployeeAsync("changer@academy.test", active: true);
        var client = await factory.SignInAsync("changer@academy.test");

        var response = await client.PostFormAsync("/account/password", new()
        {
            ["Input.CurrentPassword"] = AcademyFactory.Password, ["Input.NewPassword"] = "Brand-New-Secret-9", ["Input.ConfirmPassword"] = "Brand-New-Secret-9",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Your password has been changed", await client.GetStringAsync("/account/password"));
        await factory.SignInAsync("changer@academy.test", "Brand-New-Secret-9");
    }

    private async Task CreateEmployeeAsync(string email, bool active)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        if (await users.FindByEmailAsync(email) is not null) return;
        var result = await users.CreateAsync(new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = email, IsActive = active }, AcademyFactory.Password);
        Assert.True(result.Succeeded);
    }
}
