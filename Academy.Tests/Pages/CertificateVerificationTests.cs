using System.Net;
using System.Text.Json;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class CertificateVerificationTests(AcademyFactory factory)
{
    private static readonly HtmlParser Parser = new();

    private async Task<(HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page, string Html)> VerifyAsync(string code)
    {
        var response = await factory.AnonymousClient().GetAsync($"/verify/{Uri.EscapeDataString(code)}");
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, Parser.ParseDocument(html), html);
    }

    [Fact]
    public async Task Verify_SaysValid_WithHolderProgramAndDates_AndNoEmailOrEmployeeNumber_WithoutSignIn()
    {
        var (id, email) = await factory.NewEmployeeAsync("Grace Okafor");
        var certificate = await factory.CompleteProgramAsync(id);
        var number = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.EmployeeNumber!).SingleAsync());

        var (status, page, html) = await VerifyAsync(CertificateCode.Format(certificate.Code));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("valid", page.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Equal("Grace Okafor", page.QuerySelector("#holder")!.TextContent);
        Assert.Equal("Onboarding", page.QuerySelector("#program")!.TextContent);
        Assert.Equal(certificate.IssuedAt.UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")), page.QuerySelector("#issued")!.TextContent);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(number, html);
        Assert.DoesNotContain(id, html);
    }

    [Fact]
    public async Task Verify_AcceptsLowercaseSpacesAndNoDashes()
    {
        var (id, _) = await factory.NewEmployeeAsync("Ravi Menon");
        var code = (await factory.CompleteProgramAsync(id)).Code;

        foreach (var typed in new[] { code.ToLowerInvariant(), $"{code[..4]} {code[4..8]} {code[8..]}", CertificateCode.Format(code).ToLowerInvariant() })
        {
            var (status, page, _) = await VerifyAsync(typed);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Ravi Menon", page.QuerySelector("#holder")!.TextContent);
        }
    }

    [Fact]
    public async Task Verify_SaysSo_ForAnUnknownATamperedAndATruncatedCode()
    {
        var (id, _) = await factory.NewEmployeeAsync("Ines Carvalho");
        var code = (await factory.CompleteProgramAsync(id)).Code;
        var tampered = code[..5] + (code[5] == 'A' ? 'B' : 'A') + code[6..];
        string unknown;
        do unknown = CertificateCode.NewCode(); while (unknown == code);

        var unknownPage = await VerifyAsync(unknown);
        var tamperedPage = await VerifyAsync(tampered);
        var truncatedPage = await VerifyAsync(code[..10]);

        Assert.Equal(HttpStatusCode.NotFound, unknownPage.Status);
        Assert.Equal("unknown", unknownPage.Page.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.NotFound, tamperedPage.Status);
        Assert.Equal("malformed", tamperedPage.Page.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Equal("malformed", truncatedPage.Page.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Null(tamperedPage.Page.QuerySelector("#holder"));
    }

    [Fact]
    public async Task Verify_SaysExpired_AfterTheExpiry()
    {
        var (id, _) = await factory.NewEmployeeAsync("Tom Becker");
        var certificate = await factory.CompleteProgramAsync(id);
        await factory.UpdateCertificateAsync(certificate.Id, c => c.ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1));

        var (status, page, _) = await VerifyAsync(certificate.Code);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("expired", page.QuerySelector("#verdict")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Recertification_IssuesANewCertificate_AndTheOldOneSaysSupersededWithALinkToTheNew()
    {
        var (id, _) = await factory.NewEmployeeAsync("Mei Tanaka");
        var first = await factory.CompleteProgramAsync(id, at: DateTimeOffset.UtcNow.AddDays(-20));
        var second = await factory.CompleteProgramAsync(id);

        var (_, page, _) = await VerifyAsync(first.Code);
        var (_, newer, _) = await VerifyAsync(second.Code);

        Assert.NotEqual(first.Code, second.Code);
        Assert.Equal("superseded", page.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Equal($"/verify/{CertificateCode.Format(second.Code)}", page.QuerySelector("#newer")!.GetAttribute("href"));
        Assert.Equal("valid", newer.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Equal(second.Id, await factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == first.Id).Select(c => c.SupersededById).SingleAsync()));
    }

    [Fact]
    public async Task IssueJob_RunTwice_IssuesOneCertificate()
    {
        var (id, _) = await factory.NewEmployeeAsync("Paul Fischer");
        await factory.CompleteProgramAsync(id);

        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(factory.Services);
        var job = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Academy.Web.Jobs.CertificateIssueJob>(scope.ServiceProvider);
        Assert.Null(await job.RunAsync(id, "onboarding", CancellationToken.None));
        Assert.Null(await job.RunAsync(id, "onboarding", CancellationToken.None));

        Assert.Equal(1, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.HolderId == id)));
    }

    [Fact]
    public async Task IssueJob_IssuesNothing_UntilEveryModuleIsCompleted()
    {
        var (id, _) = await factory.NewEmployeeAsync("Half Done");
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(factory.Services);
        var job = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Academy.Web.Jobs.CertificateIssueJob>(scope.ServiceProvider);

        Assert.Null(await job.RunAsync(id, "onboarding", CancellationToken.None));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.HolderId == id)));
    }

    [Fact]
    public async Task Json_IsAnOpenBadgesAssertion_AndRevokedAnswers410WithTheReason()
    {
        var (id, email) = await factory.NewEmployeeAsync("Lena Schulz");
        var certificate = await factory.CompleteProgramAsync(id);
        var client = factory.AnonymousClient();

        var valid = await client.GetAsync($"/verify/{CertificateCode.Format(certificate.Code)}.json");
        var json = JsonDocument.Parse(await valid.Content.ReadAsStringAsync()).RootElement;
        await factory.UpdateCertificateAsync(certificate.Id, c => c.Revoke("Issued by mistake", id, "Test", DateTimeOffset.UtcNow));
        var revoked = await client.GetAsync($"/verify/{certificate.Code.ToLowerInvariant()}.json");
        var gone = JsonDocument.Parse(await revoked.Content.ReadAsStringAsync()).RootElement;
        var unknown = await client.GetAsync($"/verify/{CertificateCode.NewCode()}.json");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("https://w3id.org/openbadges/v2", json.GetProperty("@context").GetString());
        Assert.Equal("Assertion", json.GetProperty("type").GetString());
        Assert.Equal("hosted", json.GetProperty("verification").GetProperty("type").GetString());
        Assert.Equal("Onboarding", json.GetProperty("badge").GetProperty("name").GetString());
        Assert.Equal("Lena Schulz", json.GetProperty("extensions:recipientProfile").GetProperty("name").GetString());
        Assert.StartsWith("sha256$", json.GetProperty("recipient").GetProperty("identity").GetString());
        Assert.False(json.GetProperty("revoked").GetBoolean());
        Assert.DoesNotContain(email, json.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.True(gone.GetProperty("revoked").GetBoolean());
        Assert.Equal("Issued by mistake", gone.GetProperty("revocationReason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Verify_IsRateLimitedPerClientAddress()
    {
        var client = factory.AnonymousClient();
        var other = factory.AnonymousClient();
        var code = CertificateCode.NewCode();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++) statuses.Add((await client.GetAsync(i % 2 == 0 ? $"/verify/{code}" : $"/verify/{code}.json")).StatusCode);

        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/verify/{code}")).StatusCode);
    }

    [Fact]
    public async Task EveryOtherPage_StillRequiresSignIn()
    {
        var client = factory.AnonymousClient();

        foreach (var path in new[] { "/certificates", "/certificates/manage", "/certificates/1/pdf", "/" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.ToString());
        }
    }
}
