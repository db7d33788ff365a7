using System.Net;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class OperationsTests(AcademyFactory factory)
{
    [Fact]
    public async Task Healthz_AnswersOk_OnceDatabaseAndContentAreReady()
    {
        var response = await factory.NewClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        var response = await factory.NewClient().GetAsync("/account/login");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = await factory.SignInAsync("admin@academy.test");

        var response = await client.PostAsync("/admin/employees/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.FullName"] = "X", ["Form.Email"] = "x@academy.test" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NoPage_HasInlineScript()
    {
        var client = await factory.SignInAsync("admin@academy.test");
        foreach (var url in new[] { "/", "/catalog", "/modules/refunds", "/admin/employees", "/admin/content-health" })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"{url} has an inline script"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }
}
