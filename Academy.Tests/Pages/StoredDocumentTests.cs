using System.Net;
using System.Text.Json.Nodes;
using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Documents are stored as JSON that names their type; versions stored by earlier releases, without it,
/// must keep loading: files that do not change are never parsed again.</summary>
[Collection(HostCollection.Name)]
public sealed class StoredDocumentTests
{
    // As earlier releases stored them: no "$type", "shuffle" a boolean, no briefing.
    private const string EarlierQuiz = """{"id":"q","moduleId":"m","language":"en","title":"Q","pass":70,"draw":null,"shuffle":false,"steps":[{"id":"a","line":5,"title":"A","html":"<p>A</p>\n","choices":[{"number":1,"html":"Best","mark":{"kind":"Weighted","weight":3},"jump":null,"feedbackHtml":""},{"number":2,"html":"Worse","mark":{"kind":"Weighted","weight":0},"jump":null,"feedbackHtml":""}]}]}""";
    private const string EarlierModule = """{"id":"refunds","language":"en","title":"Refunds","kind":1,"standards":["keep-promises"],"minutes":20,"refresher":{"amount":1,"unit":2},"audience":{"everyone":false,"groups":["Billing"]},"introHtml":"<p>Intro</p>\n","lessons":[{"number":1,"title":"One","html":"<p>x</p>\n"}]}""";
    private const string EarlierProgram = """{"id":"back-office","title":"Serving the front line","audience":{"everyone":true,"groups":[]},"due":{"amount":60,"unit":0},"certificate":true,"descriptionHtml":"<p>d</p>\n","moduleIds":["refunds"]}""";
    private const string EarlierStandards = """{"title":"Service standards","standards":[{"id":"keep-promises","title":"Keep promises","html":"<p>p</p>\n"}]}""";

    [Fact]
    public void Deserialize_ReadsEachKindStoredWithoutItsType_ByTheKindOfItsFile()
    {
        Assert.Equal("q", Assert.IsType<QuizDocument>(PublishedContent.Deserialize(ContentKind.Quiz, EarlierQuiz)).Id);
        var module = Assert.IsType<ModuleDocument>(PublishedContent.Deserialize(ContentKind.Module, EarlierModule));
        Assert.Equal((ModuleKind.Technical, new Validity(1, ValidityUnit.Years)), (module.Kind, module.Refresher));
        Assert.Equal(["refunds"], Assert.IsType<ProgramDocument>(PublishedContent.Deserialize(ContentKind.Program, EarlierProgram)).ModuleIds);
        Assert.Equal("keep-promises", Assert.IsType<StandardsDocument>(PublishedContent.Deserialize(ContentKind.Standards, EarlierStandards)).Standards[0].Id);
    }

    [Theory]
    [InlineData("false", ChoiceShuffle.Judgments)] // also what a file without the key gave
    [InlineData("true", ChoiceShuffle.All)]
    public void Deserialize_ReadsAnEarlierQuiz_WithTheShuffleOfToday_AndNoBriefing(string stored, ChoiceShuffle shuffle)
    {
        var quiz = (QuizDocument)PublishedContent.Deserialize(ContentKind.Quiz, EarlierQuiz.Replace("\"shuffle\":false", $"\"shuffle\":{stored}"));

        Assert.Equal(shuffle, quiz.Shuffle);
        Assert.Equal("", quiz.BriefingHtml);
        Assert.True(quiz.ShufflesChoicesOf(quiz.FirstStep));
    }

    [Fact]
    public void Serialize_WritesTheTypeFirst_AndDeserializeReadsItBack()
    {
        var quiz = (QuizDocument)PublishedContent.Deserialize(ContentKind.Quiz, EarlierQuiz) with { BriefingHtml = "<p>Night shift.</p>\n", Shuffle = ChoiceShuffle.None };

        var json = PublishedContent.Serialize(quiz);

        Assert.StartsWith("{\"$type\":\"quiz\",", json);
        var back = Assert.IsType<QuizDocument>(PublishedContent.Deserialize(ContentKind.Quiz, json));
        Assert.Equal(json, PublishedContent.Serialize(back));
        Assert.Equal((ChoiceShuffle.None, "<p>Night shift.</p>\n"), (back.Shuffle, back.BriefingHtml));
    }

    [Fact]
    public void Deserialize_Refuses_ADocumentOfAnotherKindThanItsFile()
    {
        var json = PublishedContent.Serialize(PublishedContent.Deserialize(ContentKind.Program, EarlierProgram));

        Assert.Throws<InvalidDataException>(() => PublishedContent.Deserialize(ContentKind.Module, json));
        Assert.Throws<ArgumentOutOfRangeException>(() => PublishedContent.Deserialize((ContentKind)42, EarlierProgram));
    }

    [Fact]
    public async Task Site_ServesADatabaseWrittenByAnEarlierRelease_AndShufflesItsScenarios()
    {
        using var site = new EditableContentFactory();
        var catalog = site.Services.GetRequiredService<ContentCatalog>();
        var modules = catalog.Current.Modules.Count;
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            foreach (var version in await db.ContentVersions.ToListAsync())
                version.DocumentJson = AsAnEarlierReleaseStoredIt(version.DocumentJson);
            // A translation published before its module gained a refresher and a standard.
            var french = await db.ContentVersions.SingleAsync(v => v.ContentFile!.Path == "modules/warm-welcome/module.fr.md");
            french.DocumentJson = french.DocumentJson.Replace("\"refresher\":{", "\"refresher\":null,\"was\":{").Replace("\"standards\":[\"", "\"standards\":[],\"were\":[\"");
            await db.SaveChangesAsync();
            await catalog.ReloadAsync(db, CancellationToken.None);
        }

        Assert.Equal(modules, catalog.Current.Modules.Count);
        // The translation takes its metadata from its default-language module, whatever it was stored with.
        var welcome = catalog.Current.Module("warm-welcome")!;
        Assert.NotNull(welcome.Default.Refresher);
        Assert.NotEmpty(welcome.Default.Standards);
        Assert.Equal((welcome.Default.Refresher, welcome.Default.Standards), (welcome.In("fr").Refresher, welcome.In("fr").Standards));
        Assert.Equal("fr", welcome.In("fr").Language);
        var quiz = catalog.Current.Module("warm-welcome")!.Quiz("late-arrival")!.Default.Document;
        Assert.Equal((ChoiceShuffle.Judgments, ""), (quiz.Shuffle, quiz.BriefingHtml));
        var learner = await site.SignInAsync("newhire@academy.test");
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync("/modules/warm-welcome/quizzes/late-arrival")).StatusCode);
        var firsts = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            var start = await learner.PostFormAsync("/modules/warm-welcome/quizzes/late-arrival", []);
            var attempt = start.Headers.Location!.OriginalString;
            var page = await learner.GetDocumentAsync(attempt);
            firsts.Add(page.QuerySelector("input[name=picks]")!.GetAttribute("value")!);
            // Finish the attempt at once so that the next Start begins a new one: the harmful choice, twice, ends it.
            await learner.PostFormAsync(attempt, new() { ["stepId"] = "arrival", ["picks"] = "3" });
            await learner.PostFormAsync(attempt, new() { ["stepId"] = "upset", ["picks"] = "3" });
        }
        Assert.True(firsts.Count > 1, "The first choice shown was always the same.");
    }

    /// <summary>The JSON of today without what earlier releases did not write.</summary>
    private static string AsAnEarlierReleaseStoredIt(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var quiz = node["$type"]!.GetValue<string>() == "quiz";
        node.Remove("$type");
        if (quiz)
        {
            node["shuffle"] = node["shuffle"]!.GetValue<string>() == nameof(ChoiceShuffle.All);
            node.Remove("briefingHtml");
        }
        return node.ToJsonString();
    }
}
