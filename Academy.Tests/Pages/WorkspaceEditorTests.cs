using System.Net;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The editor's drafts as one trainer lives them: their own saves never conflict with each other, a
/// publication is one commit with the draft it replaces, and versions name their authors.</summary>
[Collection(HostCollection.Name)]
public sealed class WorkspaceEditorTests : IDisposable
{
    private const string Path = "modules/refunds/module.md";
    private const string Editor = "/workspace/edit?path=modules%2Frefunds%2Fmodule.md";

    private readonly EditableContentFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task SaveDraft_AfterAPublishKeptAsADraft_DoesNotConflictWithTheTrainersOwnSave()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var original = _site.Read(Path);
        var broken = original.Replace("kind: technical", "kind: tecnical");

        var refused = await SaveAsync(trainer, broken, "Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var kept = await Document(refused);
        Assert.Contains("Not published", kept.QuerySelector(".validation-summary-errors")!.TextContent);

        var saved = await SaveAsync(trainer, broken + "\nOne more line.\n", "Save", kept);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await trainer.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("One more line.", page.QuerySelector("textarea")!.TextContent);

        var published = await SaveAsync(trainer, original + "\nOne more line.\n", "Publish", page);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Published as version 2", (await trainer.GetDocumentAsync(published.Headers.Location!.OriginalString)).QuerySelector(".notice.ok")!.TextContent);
    }

    [Fact]
    public async Task SaveDraft_FromASecondWindow_TellsTheTrainerTheySavedItElsewhere()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var original = _site.Read(Path);
        var first = await trainer.GetDocumentAsync(Editor);
        var second = await trainer.GetDocumentAsync(Editor);

        await SaveAsync(trainer, original + "\nFrom the first window.\n", "Save", first);
        var conflict = await SaveAsync(trainer, original + "\nFrom the second window.\n", "Save", second);

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var shown = await Document(conflict);
        Assert.Contains("You saved this draft at", shown.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Contains("in another window", shown.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Contains("From the second window.", shown.QuerySelector("textarea")!.TextContent);
        Assert.Contains("From the first window.", shown.QuerySelector("pre.source")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(trainer, original + "\nFrom the second window.\n", "Save", shown)).StatusCode);
    }

    [Fact]
    public async Task SaveDraft_OverAnotherTrainersSave_NamesThemByName()
    {
        var camille = await _site.SignInAsync("trainer@academy.test");
        var alex = await _site.SignInAsync("admin@academy.test");
        var alexsPage = await alex.GetDocumentAsync(Editor);

        await SaveAsync(camille, _site.Read(Path) + "\nCamille's line.\n", "Save");
        var conflict = await Document(await SaveAsync(alex, _site.Read(Path) + "\nAlex's line.\n", "Save", alexsPage));

        Assert.Contains("Camille Durand saved this draft at", conflict.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("The draft as Camille Durand saved it", conflict.QuerySelector("#theirs-title")!.TextContent);
    }

    [Fact]
    public async Task Publish_RemovesTheDraft_AndAddsTheVersion_InOneCommit()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var original = _site.Read(Path);
        await SaveAsync(trainer, original + "\nA draft line.\n", "Save");
        await using (var scope = _site.Services.CreateAsyncScope())
            await TestDatabase.FailInsertsAsync(scope.ServiceProvider.GetRequiredService<AcademyDbContext>(), "ContentVersions");

        var failed = await SaveAsync(trainer, original + "\nThe published line.\n", "Publish");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            await TestDatabase.AllowInsertsAsync(db, "ContentVersions");
            var draft = await db.ContentDrafts.SingleAsync(d => d.Path == Path);
            Assert.Equal((1, original + "\nA draft line.\n"), (draft.Revision, draft.Markdown));
            Assert.Equal(1, await db.ContentVersions.CountAsync(v => v.ContentFile!.Path == Path));
        }

        var published = await SaveAsync(trainer, original + "\nThe published line.\n", "Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            Assert.False(await db.ContentDrafts.AnyAsync(d => d.Path == Path));
            Assert.Equal(2, await db.ContentFiles.Where(f => f.Path == Path).Select(f => f.PublishedNumber).SingleAsync());
        }
    }

    [Fact]
    public async Task Import_ThatFails_KeepsTheProblemsOfTheLastImport()
    {
        _ = _site.Services;
        var listenFirst = _site.Read("modules/listen-first/module.md");
        _site.Write("modules/listen-first/module.md", listenFirst.Replace("kind: behavioral", "kind: behavorial"));
        Assert.Single((await _site.ImportAsync()).Problems);
        await using (var scope = _site.Services.CreateAsyncScope())
            await TestDatabase.FailInsertsAsync(scope.ServiceProvider.GetRequiredService<AcademyDbContext>(), "ContentProblems");
        _site.Write("modules/refunds/module.md", _site.Read("modules/refunds/module.md").Replace("kind: technical", "kind: tecnical"));

        await Assert.ThrowsAnyAsync<DbUpdateException>(_site.ImportAsync);

        await using var after = _site.Services.CreateAsyncScope();
        var db = after.ServiceProvider.GetRequiredService<AcademyDbContext>();
        await TestDatabase.AllowInsertsAsync(db, "ContentProblems");
        Assert.Equal(["modules/listen-first/module.md"], await db.ContentProblems.Select(p => p.Path).ToListAsync());
    }

    [Fact]
    public async Task Versions_NameTheirAuthor_NotTheirEmail()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        await SaveAsync(trainer, _site.Read(Path) + "\nA line from the browser.\n", "Publish");
        await SaveAsync(trainer, _site.Read(Path) + "\nA draft on top.\n", "Save");
        var second = await VersionIdAsync(2);

        var versions = await trainer.GetDocumentAsync($"/workspace/versions?path={Uri.EscapeDataString(Path)}");
        var version = await trainer.GetDocumentAsync($"/workspace/versions/{second}");
        var row = (await trainer.GetDocumentAsync("/workspace")).QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")!.TextContent == Path);

        Assert.Contains("browser, by Camille Durand", versions.QuerySelector("tbody tr")!.TextContent);
        Assert.Contains("browser, by Camille Durand", version.QuerySelector("main")!.TextContent);
        Assert.Contains("browser, by Camille Durand", row.TextContent);
        Assert.Contains("by Camille Durand", row.QuerySelectorAll("td")[5].TextContent);
        Assert.DoesNotContain("trainer@academy.test", versions.QuerySelector("main")!.TextContent + version.QuerySelector("main")!.TextContent + row.TextContent);
    }

    private async Task<int> VersionIdAsync(int number)
    {
        using var scope = _site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ContentVersions
            .Where(v => v.ContentFile!.Path == Path && v.Number == number).Select(v => v.Id).SingleAsync();
    }

    /// <summary>Posts the editor form as the page shows it (its revision and token), with new text.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string markdown, string handler, IHtmlDocument? page = null)
    {
        page ??= await client.GetDocumentAsync(Editor);
        var form = page.QuerySelector("#editor-form")!;
        return await client.PostAsync($"{Editor}&handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Path"] = form.QuerySelector("input[name=Path]")!.GetAttribute("value")!,
            ["Revision"] = form.QuerySelector("input[name=Revision]")!.GetAttribute("value")!,
            ["Markdown"] = markdown,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
    }

    private static async Task<IHtmlDocument> Document(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
