using System.Net;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class WorkspaceTests : IDisposable
{
    private const string BrokenScenario = """
        ---
        title: The late check-out
        pass: 70
        ---
        ## The request {#request}

        A guest asks at 11:50 to leave at 15:00. The hotel is full tonight.

        - [3] Thank her for asking early and check with housekeeping. -> chek
          > She sees you try before you answer.
        - [0] Say no: the hotel is full. -> end
          > A flat no ends the conversation.

        ## The check {#check}

        Housekeeping can wait until 14:00.

        - [3] Offer 14:00 and luggage storage until 15:00. -> end
          > A real answer inside the frame.
        - [1] Offer 12:30. -> end
          > Safe, but less than you could do.
        """;

    private readonly EditableContentFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Trainer_WritesAScenarioWithAnError_FixesIt_Previews_Publishes_AndALearnerPlaysIt()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");

        var created = await trainer.PostFormAsync("/workspace/new", new()
        {
            ["Input.Kind"] = "scenario", ["Input.ModuleId"] = "warm-welcome", ["Input.Id"] = "late-check-out", ["Input.Title"] = "The late check-out",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editor = created.Headers.Location!.OriginalString;
        Assert.Equal("/workspace/edit?path=modules%2Fwarm-welcome%2Flate-check-out.quiz.md", editor);

        var saved = await SaveAsync(trainer, editor, BrokenScenario, "Save");
        var page = await trainer.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        var problem = page.QuerySelector(".problems li")!;
        Assert.Equal("9", problem.QuerySelector("[data-line]")!.GetAttribute("data-line"));
        Assert.Contains("Did you mean '-> check'?", problem.TextContent);
        Assert.Contains("line-error", page.QuerySelector("#source-line-9")!.InnerHtml);

        var refused = await SaveAsync(trainer, editor, BrokenScenario, "Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Not published", await refused.Content.ReadAsStringAsync());

        var fixedText = BrokenScenario.Replace("-> chek", "-> check");
        var preview = await PreviewAsync(trainer, editor, fixedText);
        Assert.Contains("No problem", preview.QuerySelector(".notice.ok")!.TextContent);
        Assert.Equal(2, preview.QuerySelectorAll(".preview-step").Length);

        var published = await SaveAsync(trainer, editor, fixedText, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Published as version 1", (await trainer.GetDocumentAsync(editor)).QuerySelector(".notice.ok")!.TextContent);

        var learner = await _site.SignInAsync("newhire@academy.test");
        var start = await learner.PostFormAsync("/modules/warm-welcome/quizzes/late-check-out", []);
        var attempt = start.Headers.Location!.OriginalString;
        var step = await learner.GetDocumentAsync(attempt);
        Assert.Equal("request", step.QuerySelector("input[name=stepId]")!.GetAttribute("value"));
        Assert.Contains("The late check-out", (await learner.GetDocumentAsync("/modules/warm-welcome")).QuerySelector(".quizzes")!.TextContent);
    }

    [Fact]
    public async Task FileList_NamesTheStandardsAndTheLineup_InTheTrainersLanguage()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        static string TitleOf(IHtmlDocument page, string path) =>
            page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td.mono")?.TextContent == path).QuerySelectorAll("td")[1].TextContent;

        var page = await trainer.GetDocumentAsync("/workspace");
        Assert.Equal("Daily line-up", TitleOf(page, "lineup.md"));
        Assert.Equal("Standards", TitleOf(page, "standards.md"));
        Assert.Equal("The warm welcome", TitleOf(page, "modules/warm-welcome/module.md"));

        await trainer.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/workspace" }, "/workspace");
        Assert.Equal("Point du jour", TitleOf(await trainer.GetDocumentAsync("/workspace"), "lineup.md"));
    }

    [Fact]
    public async Task Trainer_EditsTheFrenchStandards_ThePreviewRefusesAFrame_AndAFrenchReaderSeesThePublication()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        const string path = "standards.fr.md";
        var editor = $"/workspace/edit?path={Uri.EscapeDataString(path)}";
        var original = _site.Read(path).ReplaceLineEndings("\n");

        var withFrame = original.Replace("{#keep-promises}\n", "{#keep-promises}\nFrame (fr): Un rappel dans la journée.\n\n", StringComparison.Ordinal);
        var problem = (await PreviewAsync(trainer, editor, withFrame)).QuerySelector(".problems li")!;
        Assert.Contains("A translation has no frame: the frame of 'keep-promises' in 'fr' is written in standards.md.", problem.TextContent);
        Assert.Contains("'Frame (fr): …'", problem.TextContent);

        var published = await SaveAsync(trainer, editor, original.Replace("Tenir chaque promesse", "Tenir toutes ses promesses", StringComparison.Ordinal), "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var lea = await _site.SignInAsync("lea@academy.test");
        var title = (await lea.GetDocumentAsync("/passport")).QuerySelector("#title-keep-promises")!;
        Assert.Equal(("Tenir toutes ses promesses", "fr"), (title.TextContent, title.GetAttribute("lang")));
        var english = await (await _site.SignInAsync("newhire@academy.test")).GetDocumentAsync("/passport");
        Assert.Equal("Keep every promise", english.QuerySelector("#title-keep-promises")!.TextContent);
    }

    [Fact]
    public async Task Publishing_MakesANewVersion_ThatARestartDoesNotUndo_UntilTheFileReallyChanges()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        const string path = "modules/refunds/module.md";
        var editor = $"/workspace/edit?path={Uri.EscapeDataString(path)}";
        var original = _site.Read(path);

        await SaveAsync(trainer, editor, original.Replace("## ", "## Edited: "), "Publish");
        await _site.ImportAsync();

        var learner = await _site.SignInAsync("newhire@academy.test");
        Assert.StartsWith("Edited: ", (await learner.GetDocumentAsync("/modules/refunds")).QuerySelector("#lesson-title")!.TextContent);

        _site.Write(path, original.Replace("## ", "## From disk: "));
        await _site.ImportAsync();
        Assert.StartsWith("From disk: ", (await learner.GetDocumentAsync("/modules/refunds")).QuerySelector("#lesson-title")!.TextContent);
        var versions = await trainer.GetDocumentAsync($"/workspace/versions?path={Uri.EscapeDataString(path)}");
        Assert.Equal(["3", "2", "1"], versions.QuerySelectorAll("tbody td.num").Select(td => td.TextContent.Trim().Split(' ')[0]));
    }

    [Fact]
    public async Task Revert_PublishesAnOldVersionsTextAsTheNewest()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        const string path = "modules/listen-first/module.md";
        var original = _site.Read(path);
        await SaveAsync(trainer, $"/workspace/edit?path={Uri.EscapeDataString(path)}", original.Replace("## ", "## Changed: "), "Publish");
        var first = await VersionIdAsync(path, 1);

        var reverted = await trainer.PostFormAsync($"/workspace/versions/{first}?handler=Revert", [], formPage: $"/workspace/versions/{first}");

        Assert.Equal(HttpStatusCode.Redirect, reverted.StatusCode);
        using var scope = _site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var file = await db.ContentFiles.Include(f => f.Versions).SingleAsync(f => f.Path == path);
        Assert.Equal(3, file.PublishedNumber);
        Assert.Equal(original.ReplaceLineEndings("\n"), file.Versions.Single(v => v.Number == 3).Markdown.ReplaceLineEndings("\n"));
        var learner = await _site.SignInAsync("newhire@academy.test");
        Assert.DoesNotContain("Changed: ", (await learner.GetDocumentAsync("/modules/listen-first")).QuerySelector("#lesson-title")!.TextContent);
    }

    [Fact]
    public async Task CompareAndDownload_ShowTheChangesAndTheMarkdown()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        const string path = "modules/escalation/module.md";
        var original = _site.Read(path);
        await SaveAsync(trainer, $"/workspace/edit?path={Uri.EscapeDataString(path)}", original + "\nA closing line added in the browser.\n", "Publish");
        var (v1, v2) = (await VersionIdAsync(path, 1), await VersionIdAsync(path, 2));

        var diff = await trainer.GetDocumentAsync($"/workspace/compare?from={v1}&to={v2}");
        var download = await trainer.GetAsync($"/workspace/versions/{v1}?handler=Download");

        Assert.Contains("A closing line added in the browser.", diff.QuerySelector(".diff li.added")!.TextContent);
        Assert.Empty(diff.QuerySelectorAll(".diff li.removed"));
        Assert.Equal("text/markdown", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(original.ReplaceLineEndings("\n"), (await download.Content.ReadAsStringAsync()).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ConcurrentEdits_TheSecondSaveIsToldTheDraftChanged_AndLosesNothing()
    {
        var camille = await _site.SignInAsync("trainer@academy.test");
        var alex = await _site.SignInAsync("admin@academy.test");
        const string editor = "/workspace/edit?path=modules%2Fguest-preferences%2Fmodule.md";
        var original = _site.Read("modules/guest-preferences/module.md");
        await SaveAsync(camille, editor, original + "\nFirst draft line.\n", "Save");
        var camillesPage = await camille.GetDocumentAsync(editor);
        var alexsPage = await alex.GetDocumentAsync(editor);

        await SaveAsync(camille, editor, original + "\nCamille's second thought.\n", "Save", camillesPage);
        var conflict = await SaveAsync(alex, editor, original + "\nAlex's addition.\n", "Save", alexsPage);

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var shown = await Document(conflict);
        Assert.Contains("after you opened it", shown.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Contains("Alex's addition.", shown.QuerySelector("textarea")!.TextContent);
        Assert.Contains("Camille's second thought.", shown.QuerySelector("pre.source")!.TextContent);

        var again = await SaveAsync(alex, editor, original + "\nAlex's addition.\n", "Save", shown);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Alex's addition.", (await camille.GetDocumentAsync(editor)).QuerySelector("textarea")!.TextContent);
    }

    [Fact]
    public async Task ImageUpload_AcceptsARealImage_AndRefusesAFakeOne()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        var ok = await UploadAsync(trainer, "Desk Layout.png", png);
        var fake = await UploadAsync(trainer, "script.png", "<script>alert(1)</script>"u8.ToArray());
        var wrongType = await UploadAsync(trainer, "notes.svg", "<svg/>"u8.ToArray());

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var served = await trainer.GetAsync("/media/refunds/Desk-Layout.png");
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("not the image its name says", await fake.Content.ReadAsStringAsync());
        Assert.Contains("Only PNG, JPEG, GIF and WebP", await wrongType.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Workspace_ListsFilesWithTheirVersionsAndDrafts()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        await SaveAsync(trainer, "/workspace/edit?path=programs%2Fonboarding.md", _site.Read("programs/onboarding.md") + "\nA draft note.\n", "Save");

        var list = await trainer.GetDocumentAsync("/workspace");

        var row = list.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")!.TextContent == "programs/onboarding.md");
        Assert.Contains("version 1", row.TextContent);
        Assert.Contains("Camille Durand", row.TextContent);
        Assert.Contains(list.QuerySelectorAll("tbody tr"), tr => tr.TextContent.Contains("late-arrival.quiz.md") && tr.QuerySelector("a[href^='/workspace/statistics/']") is not null);
    }

    private async Task<int> VersionIdAsync(string path, int number)
    {
        using var scope = _site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ContentVersions
            .Where(v => v.ContentFile!.Path == path && v.Number == number).Select(v => v.Id).SingleAsync();
    }

    /// <summary>Posts the editor form as the page shows it (its revision and token), with new text.</summary>
    internal static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string editor, string markdown, string handler, IHtmlDocument? page = null)
    {
        page ??= await client.GetDocumentAsync(editor);
        var form = page.QuerySelector("#editor-form")!;
        var fields = new Dictionary<string, string>
        {
            ["Path"] = form.QuerySelector("input[name=Path]")!.GetAttribute("value")!,
            ["Revision"] = form.QuerySelector("input[name=Revision]")!.GetAttribute("value")!,
            ["Markdown"] = markdown,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        return await client.PostAsync($"{editor}&handler={handler}", new FormUrlEncodedContent(fields));
    }

    internal static async Task<IHtmlDocument> PreviewAsync(HttpClient client, string editor, string markdown)
    {
        var page = await client.GetDocumentAsync(editor);
        var response = await client.PostAsync($"{editor}&handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Path"] = page.QuerySelector("input[name=Path]")!.GetAttribute("value")!,
            ["Markdown"] = markdown,
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Document(response);
    }

    private static async Task<IHtmlDocument> Document(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] bytes)
    {
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/workspace/media/refunds");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "image", name },
        };
        return await client.PostAsync("/workspace/media/refunds", content);
    }
}
