using System.Net;
using Academy.Tests.Content;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A file that the parser cannot read is that file's problem only: the site starts and serves the rest, the
/// problem is on Content health, and the editor shows it rather than failing. Images cannot act for the reader.</summary>
[Collection(HostCollection.Name)]
public sealed class ContentSafetyTests : IDisposable
{
    private const string LongParagraphModule = "modules/long-paragraph/module.md";
    private const string Refunds = "/workspace/edit?path=modules%2Frefunds%2Fmodule.md";

    private static readonly string LongParagraphText = "---\ntitle: One long paragraph\nkind: behavioral\n---\n## The only lesson\n" + ParserLimitsSpecTests.LongParagraph;

    private readonly EditableContentFactory _site = new();

    public ContentSafetyTests()
    {
        // Written before the site starts: the import at start meets them.
        Directory.CreateDirectory(Path.Combine(_site.ContentPath, "modules", "long-paragraph"));
        _site.Write(LongParagraphModule, LongParagraphText);
        Directory.CreateDirectory(Path.Combine(_site.ContentPath, "modules", "no-quiz"));
        _site.Write("modules/no-quiz/module.md", "---\ntitle: No quiz\nkind: technical\n---\n## First\nOne.\n\n## Last\nTwo.\n");
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Site_StartsAndServes_WithTheLongParagraphOnContentHealth_WhenAModuleHasOne()
    {
        var health = await _site.NewClient().GetAsync("/healthz");
        var learner = await _site.SignInAsync("newhire@academy.test");
        var refunds = await learner.GetDocumentAsync("/modules/refunds");
        var broken = await learner.GetAsync("/modules/long-paragraph");
        var admin = await _site.SignInAsync("admin@academy.test");
        var problems = (await admin.GetDocumentAsync("/admin/content-health")).QuerySelector("table.data")!.QuerySelectorAll("tbody tr")
            .Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToList()).ToList();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(refunds.QuerySelector("#lesson-title")!.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, broken.StatusCode);
        var problem = Assert.Single(problems, cells => cells[0].StartsWith(LongParagraphModule, StringComparison.Ordinal));
        Assert.Equal($"{LongParagraphModule}:6", problem[0]);
        Assert.Contains("This paragraph is too long for Academy to read", problem[1]);
        Assert.Contains("a blank line ends a paragraph", problem[2]);
    }

    [Fact]
    public async Task Preview_Answers200WithTheProblem_WhenTheTextIsTheLongParagraph()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");

        var preview = await PreviewAsync(trainer, LongParagraphText);

        var problem = Assert.Single(preview.QuerySelectorAll(".problems li"));
        Assert.Equal("6", problem.QuerySelector("[data-line]")!.GetAttribute("data-line"));
        Assert.Contains("This paragraph is too long for Academy to read", problem.TextContent);
    }

    [Fact]
    public async Task Publish_KeepsTheDraftAndShowsTheProblem_WhenTheTextIsTheLongParagraph()
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");
        var page = await trainer.GetDocumentAsync(Refunds);

        var response = await trainer.PostAsync($"{Refunds}&handler=Publish", Form(page, LongParagraphText));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not published", html);
        Assert.Contains("This paragraph is too long for Academy to read", html);
        Assert.Equal(1, _site.Services.GetRequiredService<Academy.Web.Data.ContentCatalog>().Current.Module("refunds")!.Version);
    }

    [Theory]
    [InlineData("/modules/warm-welcome/1")]
    [InlineData("/language?culture=fr&returnUrl=/")]
    [InlineData("http://tracker.example/pixel.png")]
    public async Task Preview_ShowsTheProblemOnItsLine_WhenAnImageCouldActForTheReader(string source)
    {
        var trainer = await _site.SignInAsync("trainer@academy.test");

        var preview = await PreviewAsync(trainer, $"---\ntitle: Refunds\nkind: technical\n---\n## One\nText.\n\n![Look]({source})\n");

        var problem = Assert.Single(preview.QuerySelectorAll(".problems li"));
        Assert.Equal("8", problem.QuerySelector("[data-line]")!.GetAttribute("data-line"));
        Assert.Contains($"The image '{source}' is neither a picture of this module nor an https:// address.", problem.TextContent);
        Assert.DoesNotContain(preview.QuerySelectorAll("img"), img => img.GetAttribute("src") == source);
    }

    [Fact]
    public async Task FinishingTheLastLesson_CompletesTheModuleAndGoesBackToIt_WhenTheModuleHasNoQuiz()
    {
        var learner = await _site.SignInAsync("omar@academy.test");

        var next = await learner.ReadLessonAsync("no-quiz", 1);
        var finished = await learner.ReadLessonAsync("no-quiz", 2);
        var module = await learner.GetDocumentAsync(finished.Headers.Location!.OriginalString);

        Assert.Equal("/modules/no-quiz/2", next.Headers.Location!.OriginalString);
        Assert.Equal("/modules/no-quiz/1", finished.Headers.Location!.OriginalString);
        Assert.Contains("2 of 2 lessons read", module.QuerySelector("#module-progress")!.TextContent);
        Assert.Contains("Module completed", module.QuerySelector(".reader nav")!.TextContent);
    }

    private static async Task<IHtmlDocument> PreviewAsync(HttpClient trainer, string markdown)
    {
        var page = await trainer.GetDocumentAsync(Refunds);
        var response = await trainer.PostAsync($"{Refunds}&handler=Preview", Form(page, markdown));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(IHtmlDocument page, string markdown)
    {
        var form = page.QuerySelector("#editor-form")!;
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Path"] = form.QuerySelector("input[name=Path]")!.GetAttribute("value")!,
            ["Revision"] = form.QuerySelector("input[name=Revision]")!.GetAttribute("value")!,
            ["Markdown"] = markdown,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
    }
}
