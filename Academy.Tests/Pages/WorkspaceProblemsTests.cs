using System.Net;

namespace Academy.Tests.Pages;

/// <summary>Trainers see what is broken in the files on disk where they work, and can read the format guide.</summary>
[Collection(HostCollection.Name)]
public sealed class WorkspaceProblemsTests : IDisposable
{
    private readonly EditableContentFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Workspace_ShowsABrokenFilesProblems_OnItsRow_WithLineAndFix()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        const string path = "modules/listen-first/module.md";
        var text = _site.Read(path);
        _site.Write(path, text.Replace("kind: behavioral", "kind: behavorial"));
        await _site.ImportAsync();

        var list = await trainer.GetDocumentAsync("/workspace");

        var row = list.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")!.TextContent == path);
        Assert.Equal("1 problem", row.QuerySelector(".tag.bad")!.TextContent);
        var problem = row.QuerySelector(".problems li")!.TextContent;
        Assert.Contains($"Line {text.Split('\n').ToList().FindIndex(l => l.StartsWith("kind:")) + 1}", problem);
        Assert.Contains("behavioral", problem);
        Assert.Contains("version 1", row.TextContent);
        Assert.Contains("1 problem in the files on disk", list.QuerySelector(".notice.warn")!.TextContent);
        Assert.Single(list.QuerySelectorAll(".tag.bad"));
    }

    [Fact]
    public async Task Workspace_ListsAFileThatHasOnlyProblems_WithoutAnEditorItCouldNotOpen()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        Directory.CreateDirectory(Path.Combine(_site.ContentPath, "modules", "late-shift"));
        _site.Write("modules/late-shift/module.md", "---\ntitle: The late shift\nkind: behavioral\n---\nNo lesson yet.\n");
        await _site.ImportAsync();

        var list = await trainer.GetDocumentAsync("/workspace");

        var row = list.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")!.TextContent == "modules/late-shift/module.md");
        Assert.NotNull(row.QuerySelector(".tag.bad"));
        Assert.NotEmpty(row.QuerySelectorAll(".problems li"));
        Assert.Contains("not published", row.TextContent);
        Assert.Null(row.QuerySelector("a[href^='/workspace/edit']"));
    }

    [Fact]
    public async Task Trainer_OpensContentHealth_FromTheWorkspace_AndALearnerCannot()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var learner = await _site.SignInAsync("newhire@academy.test");
        _site.Write("programs/onboarding.md", _site.Read("programs/onboarding.md").Replace("title:", "titel:"));
        await _site.ImportAsync();

        var link = (await trainer.GetDocumentAsync("/workspace")).QuerySelectorAll("a").Single(a => a.TextContent == "Content health").GetAttribute("href")!;
        var health = await trainer.GetDocumentAsync(link);

        Assert.Equal("/admin/content-health", link);
        Assert.StartsWith("programs/onboarding.md:", health.QuerySelector("table.data tbody tr .error-line")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Guide_ShowsTheContentFoldersReadme_ToTrainers_LinkedFromTheEditor_AndNotToLearners()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var learner = await _site.SignInAsync("newhire@academy.test");
        _site.Write("README.md", _site.Read("README.md").Replace("## Where files go", "## Where files go (edited today)"));

        var editor = await trainer.GetDocumentAsync("/workspace/edit?path=modules%2Frefunds%2Fmodule.md");
        var href = editor.QuerySelector("#editor-hint a")!.GetAttribute("href")!;
        var guide = await trainer.GetDocumentAsync(href);

        Assert.Equal("/workspace/guide", href);
        Assert.Equal("_blank", editor.QuerySelector("#editor-hint a")!.GetAttribute("target"));
        Assert.Equal("Writing training for Academy: a guide for trainers", guide.QuerySelector("article.guide h1")!.TextContent);
        Assert.Contains(guide.QuerySelectorAll("article.guide h2"), h => h.TextContent == "Where files go (edited today)");
        Assert.Contains("modules/", guide.QuerySelector("article.guide pre")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(href)).StatusCode);
    }

    [Fact]
    public async Task Guide_SaysSo_WhenTheContentFolderHasNoReadme()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        File.Delete(Path.Combine(_site.ContentPath, "README.md"));

        var guide = await trainer.GetDocumentAsync("/workspace/guide");

        Assert.Contains("no README.md", guide.QuerySelector(".notice.warn")!.TextContent);
    }
}
