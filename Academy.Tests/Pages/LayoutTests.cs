using System.Net;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class LayoutTests(AcademyFactory factory)
{
    [Fact]
    public async Task Favicon_IsServed_AndLinkedFromEveryPage()
    {
        var client = factory.NewClient();

        var ico = await client.GetAsync("/favicon.ico");
        var svg = await client.GetAsync("/favicon.svg");
        var login = await client.GetDocumentAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["/favicon.ico", "/favicon.svg"], login.QuerySelectorAll("link[rel=icon]").Select(l => l.GetAttribute("href") ?? "").ToArray());
    }

    [Theory]
    [InlineData("/admin/employees", "admin@academy.test")]
    [InlineData("/workspace", "trainer@academy.test")]
    [InlineData("/admin/content-health", "admin@academy.test")]
    public async Task EveryTable_ScrollsInsideAKeyboardFocusableNamedRegion(string url, string email)
    {
        var client = await factory.SignInAsync(email);

        var page = await client.GetDocumentAsync(url);

        var tables = page.QuerySelectorAll("main table");
        Assert.NotEmpty(tables);
        Assert.All(tables, table =>
        {
            var box = table.ParentElement!;
            Assert.Equal("table-scroll", box.ClassName);
            Assert.Equal(("0", "region"), (box.GetAttribute("tabindex"), box.GetAttribute("role")));
            Assert.False(string.IsNullOrWhiteSpace(box.GetAttribute("aria-label")));
        });
    }

    [Fact]
    public async Task EditorPreview_IsAKeyboardFocusableNamedRegion()
    {
        var client = await factory.SignInAsync("trainer@academy.test");

        var page = await client.GetDocumentAsync("/workspace/edit?path=modules%2Fwarm-welcome%2Fmodule.md");

        var preview = page.QuerySelector("#preview")!;
        Assert.Equal(("0", "region", "Preview"), (preview.GetAttribute("tabindex"), preview.GetAttribute("role"), preview.GetAttribute("aria-label")));
    }
}
