using System.Net;
using Academy.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Issue 9, item 6: trainers write programs in the Workspace as they write modules.</summary>
[Collection(HostCollection.Name)]
public sealed class WorkspaceProgramTests : IDisposable
{
    private readonly EditableContentFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task NewProgram_StartsFromAValidTemplate_WhosePreviewSummarisesItAndListsItsModules()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var workspace = await trainer.GetDocumentAsync("/workspace");
        var form = await trainer.GetDocumentAsync(workspace.QuerySelector("a[href='/workspace/new?kind=program']")!.GetAttribute("href")!);
        Assert.True(form.QuerySelector("#kind-program")!.HasAttribute("checked"));

        var created = await trainer.PostFormAsync("/workspace/new", new()
        {
            ["Input.Kind"] = "program", ["Input.Id"] = "front-desk-basics", ["Input.Title"] = "Front desk basics",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editor = created.Headers.Location!.OriginalString;
        Assert.Equal("/workspace/edit?path=programs%2Ffront-desk-basics.md", editor);
        var page = await trainer.GetDocumentAsync(editor);
        Assert.Contains("id: front-desk-basics", page.QuerySelector("textarea")!.TextContent);
        Assert.Contains("No problem", page.QuerySelector("#preview .notice.ok")!.TextContent);
        Assert.Equal("Front desk basics", page.QuerySelector("#preview article h2")!.TextContent);
        Assert.Equal(["Assigned to everyone.", "To complete within 30 days of being assigned.", "Completing every module issues a certificate."],
            page.QuerySelectorAll("#preview .program-facts li").Select(li => li.TextContent.Trim()));
        var modules = page.QuerySelectorAll("#preview .program-modules li");
        Assert.Equal(2, modules.Length);
        Assert.All(modules, li => Assert.Equal("Published", li.QuerySelector(".tag")!.TextContent));
        Assert.Contains("Not published yet.", page.QuerySelector("main .meta + h1 + .meta")!.TextContent);
    }

    [Fact]
    public async Task Preview_PutsAnUnknownModuleOnItsLineWithTheFix_AndTellsToPublishADraftOnlyModuleFirst()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        await trainer.PostFormAsync("/workspace/new", new() { ["Input.Kind"] = "module", ["Input.Id"] = "late-shift", ["Input.Title"] = "The late shift" });
        var created = await trainer.PostFormAsync("/workspace/new", new() { ["Input.Kind"] = "program", ["Input.Id"] = "night-team", ["Input.Title"] = "Night team" });
        var editor = created.Headers.Location!.OriginalString;
        const string text = """
            ---
            title: Night team
            audience: [Front Desk]
            ---
            For the night team.

            1. warm-welcome
            2. late-shift
            3. refund
            """;

        var preview = await WorkspaceTests.PreviewAsync(trainer, editor, text);

        var problems = preview.QuerySelectorAll(".problems li");
        Assert.Equal(2, problems.Length);
        Assert.Equal("8", problems[0].QuerySelector("[data-line]")!.GetAttribute("data-line"));
        Assert.Contains("'late-shift' is only a draft", problems[0].TextContent);
        Assert.Contains("Publish modules/late-shift/module.md first", problems[0].TextContent);
        Assert.Equal("9", problems[1].QuerySelector("[data-line]")!.GetAttribute("data-line"));
        Assert.Contains("Unknown module 'refund'. Did you mean 'refunds'?", problems[1].TextContent);
        Assert.Contains("Did you mean 'refunds'?", preview.QuerySelector("#source-line-9 .line-error")!.TextContent);
        var modules = preview.QuerySelectorAll(".program-modules li");
        Assert.Equal(["warm-welcome", "late-shift", "refund"], modules.Select(li => li.GetAttribute("data-module")));
        Assert.Equal(["Published", "Draft only", "Unknown id"], modules.Select(li => li.QuerySelector(".tag")!.TextContent));
        Assert.Equal("/workspace/edit?path=modules%2Flate-shift%2Fmodule.md", modules[1].QuerySelector("a")!.GetAttribute("href"));

        var refused = await WorkspaceTests.SaveAsync(trainer, editor, text, "Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Not published", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync("/programs/night-team")).StatusCode);
    }

    [Fact]
    public async Task PublishedProgram_IsOnItsPage_AndTheAssignmentSyncAssignsItToItsAudience()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var created = await trainer.PostFormAsync("/workspace/new", new() { ["Input.Kind"] = "program", ["Input.Id"] = "desk-refresh", ["Input.Title"] = "Desk refresh" });
        var editor = created.Headers.Location!.OriginalString;
        const string text = """
            ---
            title: Desk refresh
            audience: [Front Desk]
            due: 2 months
            certificate: false
            ---
            A refresher for the front desk.

            1. refunds
            2. warm-welcome
            """;

        var facts = (await WorkspaceTests.PreviewAsync(trainer, editor, text)).QuerySelectorAll(".program-facts li").Select(li => li.TextContent.Trim());
        var published = await WorkspaceTests.SaveAsync(trainer, editor, text, "Publish");

        Assert.Equal(["Assigned to these departments and job roles: Front Desk.", "To complete within 2 months of being assigned.", "No certificate."], facts);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await trainer.GetDocumentAsync(editor);
        Assert.Contains("Published as version 1", after.QuerySelector(".notice.ok")!.TextContent);
        Assert.NotNull(after.QuerySelector("a[href='/programs/desk-refresh']"));

        var learner = await _site.SignInAsync("newhire@academy.test");
        var program = await learner.GetDocumentAsync("/programs/desk-refresh");
        Assert.Equal("Desk refresh", program.QuerySelector("h1")!.TextContent);
        Assert.Equal(["/modules/refunds?from=desk-refresh", "/modules/warm-welcome?from=desk-refresh"],
            program.QuerySelectorAll("ol.steps a").Select(a => a.GetAttribute("href")));
        Assert.Contains("to complete within 2 months", program.QuerySelector(".meta:not(:first-child)")!.TextContent);

        using (var scope = _site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AssignmentSyncJob>().RunAsync(CancellationToken.None);
        var home = await learner.GetDocumentAsync("/");
        Assert.Contains(home.QuerySelectorAll("#assignments tbody tr"), row => row.TextContent.Contains("Desk refresh") && row.QuerySelector(".due")!.TextContent.Trim().Length > 0);
    }

    [Fact]
    public async Task ProgramPreview_SpeaksTheTrainersLanguage_AndMarksTheProgramsOwnWordsAsEnglish()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        await trainer.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/workspace" }, "/workspace");

        var created = await trainer.PostFormAsync("/workspace/new", new() { ["Input.Kind"] = "program", ["Input.Id"] = "accueil", ["Input.Title"] = "Welcome desk" });
        var page = await trainer.GetDocumentAsync(created.Headers.Location!.OriginalString);

        Assert.Equal(["Assigné à tout le monde.", "À terminer en 30 jours à compter de l’assignation.", "Terminer tous les modules délivre un certificat."],
            page.QuerySelectorAll("#preview .program-facts li").Select(li => li.TextContent.Trim()));
        Assert.Equal("en", page.QuerySelector("#preview article h2")!.GetAttribute("lang"));
        Assert.StartsWith("Modules, dans l’ordre", page.QuerySelector("#program-modules-title")!.TextContent);
        Assert.All(page.QuerySelectorAll("#preview .program-modules .tag"), tag => Assert.Equal("Publié", tag.TextContent));
    }

    [Theory]
    [InlineData("onboarding", "A file with this id exists already")]
    [InlineData("Night Team", "An id uses lower-case letters, digits and dashes only")]
    public async Task NewProgram_IsRefusedWithAMessageOnTheForm_WhenTheIdIsTakenOrInvalid(string id, string message)
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");

        var refused = await trainer.PostFormAsync("/workspace/new", new() { ["Input.Kind"] = "program", ["Input.Id"] = id, ["Input.Title"] = "Anything" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HttpClientForms.ParseAsync(refused);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.Id']")!.TextContent);
        Assert.True(page.QuerySelector("#kind-program")!.HasAttribute("checked"));
    }
}
