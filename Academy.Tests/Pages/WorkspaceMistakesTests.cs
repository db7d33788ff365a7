using System.Net;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A trainer's ordinary mistakes in the workspace (an odd image name, a draft without a content path)
/// come back as a message, never a 500, and nothing is stored.</summary>
[Collection(HostCollection.Name)]
public sealed class WorkspaceMistakesTests(AcademyFactory factory)
{
    private const string Editor = "/workspace/edit?path=modules%2Frefunds%2Fmodule.md";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public async Task ImageUpload_KeepsTheLetterOfAnAccentedName()
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");

        var uploaded = await UploadAsync(trainer, "é.png", Png);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Contains("media/e.png", (await trainer.GetDocumentAsync(uploaded.Headers.Location!.OriginalString)).QuerySelector(".notice.ok")!.TextContent);
        Assert.Equal(Png, await (await trainer.GetAsync("/media/warm-welcome/e.png")).Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(".png")]
    [InlineData("-.png")]
    [InlineData("---.PNG")]
    public async Task ImageUpload_GivesANameToAnImageWhoseNameHasNoLetter(string name)
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");
        byte[] bytes = [.. Png, (byte)name.Length];

        var uploaded = await UploadAsync(trainer, name, bytes);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var message = (await trainer.GetDocumentAsync(uploaded.Headers.Location!.OriginalString)).QuerySelector(".notice.ok")!.TextContent;
        var given = System.Text.RegularExpressions.Regex.Match(message, @"media/(image-[0-9a-f]{8}\.png)\)");
        Assert.True(given.Success, message);
        var served = await trainer.GetAsync($"/media/warm-welcome/{given.Groups[1].Value}");
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("Save")]
    [InlineData("Publish")]
    public async Task Draft_WithoutAPath_IsRefusedWithAMessage_AndNothingIsStored(string handler)
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");

        var response = await PostEditorAsync(trainer, handler, path: "", markdown: "---\ntitle: Nowhere\n---\n## A lesson\n\nText.\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("has no file path", (await Document(response)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(0, await CountAsync(""));
    }

    [Theory]
    [InlineData("Save", "notes/todo.md")]
    [InlineData("Publish", "README.md")]
    [InlineData("Save", "modules/refunds/media/caption.md")]
    [InlineData("Publish", "modules/refunds/module.en.md")]
    public async Task Draft_WhosePathIsNotAContentFile_IsRefusedWithAMessage_AndNothingIsStored(string handler, string path)
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");

        var response = await PostEditorAsync(trainer, handler, path, "---\ntitle: Elsewhere\n---\n## A lesson\n\nText.\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Document(response);
        Assert.Contains($"'{path}' is not a content file", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Contains("Elsewhere", page.QuerySelector("textarea")!.TextContent);
        Assert.Equal(0, await CountAsync(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("notes/todo.md")]
    public async Task Preview_OfADraftWithoutAContentPath_ShowsTheProblem(string path)
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");

        var response = await PostEditorAsync(trainer, "Preview", path, "## Just text\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not a content file", (await Document(response)).QuerySelector(".problems")!.TextContent);
    }

    [Fact]
    public async Task Save_OfAnEmptyText_KeepsAnEmptyDraft_WithItsProblems()
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");
        const string path = "programs/back-office.md";

        var response = await PostEditorAsync(trainer, "Save", path, "", editor: "/workspace/edit?path=programs%2Fback-office.md");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await trainer.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("", page.QuerySelector("textarea")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".problems li"));
        await PostEditorAsync(trainer, "Discard", path, "", editor: "/workspace/edit?path=programs%2Fback-office.md");
    }

    private async Task<int> CountAsync(string path)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return await db.ContentDrafts.CountAsync(d => d.Path == path) + await db.ContentFiles.CountAsync(f => f.Path == path);
    }

    /// <summary>Posts the editor form with a path of our choosing, as a tampered or stale page would.</summary>
    private static async Task<HttpResponseMessage> PostEditorAsync(HttpClient client, string handler, string path, string markdown, string editor = Editor)
    {
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, editor);
        return await client.PostAsync($"/workspace/edit?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Path"] = path, ["Revision"] = "0", ["Markdown"] = markdown, ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] bytes)
    {
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/workspace/media/warm-welcome");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "image", name },
        };
        return await client.PostAsync("/workspace/media/warm-welcome", content);
    }

    private static async Task<IHtmlDocument> Document(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
