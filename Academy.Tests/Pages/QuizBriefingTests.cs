using System.Net;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A scenario's briefing, the text before its first step, on the quiz's start page and in the editor's preview.</summary>
[Collection(HostCollection.Name)]
public sealed class QuizBriefingTests(AcademyFactory factory)
{
    private const string StartPage = "/modules/warm-welcome/quizzes/late-arrival";

    private QuizDocument Quiz(string module, string quiz, string language) =>
        factory.Services.GetRequiredService<ContentCatalog>().Current.Module(module)!.Quiz(quiz)!.In(language).Document;

    [Theory]
    [InlineData("newhire@academy.test", "en", "Before you start", "You are on the night shift at the front desk")]
    [InlineData("lea@academy.test", "fr", "Avant de commencer", "Vous êtes de service de nuit à la réception")]
    public async Task StartPage_ShowsTheBriefing_InTheLearnersLanguage(string email, string language, string heading, string words)
    {
        var client = await factory.SignInAsync(email);
        Assert.Contains(words, Quiz("warm-welcome", "late-arrival", language).BriefingHtml);

        var page = await client.GetDocumentAsync(StartPage);

        var briefing = page.QuerySelector("section.briefing")!;
        Assert.Equal(heading, briefing.QuerySelector("h2")!.TextContent);
        var text = briefing.QuerySelector("div[lang]")!;
        Assert.Equal(language, text.GetAttribute("lang"));
        Assert.Contains(words, text.TextContent);
        // The briefing comes before the button that starts the scenario.
        Assert.True(briefing.CompareDocumentPosition(page.QuerySelector("form button.primary")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public async Task StartPage_ShowsNoBriefing_WhenTheScenarioHasNone()
    {
        var client = await factory.SignInAsync("newhire@academy.test");
        Assert.Equal("", Quiz("complaint-recovery", "cold-dinner", "en").BriefingHtml);

        var page = await client.GetDocumentAsync("/modules/complaint-recovery/quizzes/cold-dinner");

        Assert.Null(page.QuerySelector(".briefing"));
        Assert.Equal("The cold dinner", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("modules/warm-welcome/late-arrival.quiz.md", "on the night shift", "on the early shift")]
    [InlineData("modules/warm-welcome/late-arrival.quiz.fr.md", "de service de nuit", "de service du matin")]
    public async Task Preview_ShowsTheBriefingBeingWritten_AboveTheSteps(string path, string published, string edited)
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");
        var markdown = await File.ReadAllTextAsync(Path.Combine(AcademyFactory.RepositoryContent, path));
        Assert.Contains(published, markdown);

        var preview = await PreviewAsync(trainer, path, markdown.Replace(published, edited));

        var briefing = preview.QuerySelector(".scenario-player .briefing")!;
        Assert.Contains(edited, briefing.TextContent);
        Assert.True(briefing.CompareDocumentPosition(preview.QuerySelector(".preview-step")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    private static async Task<IHtmlDocument> PreviewAsync(HttpClient client, string path, string markdown)
    {
        var editor = $"/workspace/edit?path={Uri.EscapeDataString(path)}";
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, editor);
        var response = await client.PostAsync($"{editor}&handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Path"] = path, ["Markdown"] = markdown, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
