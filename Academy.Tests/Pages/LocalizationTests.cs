using System.Net.Http.Headers;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class LocalizationTests(AcademyFactory factory)
{
    [Fact]
    public async Task FrenchSpeaker_SeesTheSiteAndTheTranslatedModuleInFrench()
    {
        var client = await factory.SignInAsync("lea@academy.test");

        var lesson = await client.GetDocumentAsync("/modules/warm-welcome");

        Assert.Equal("fr", lesson.DocumentElement.GetAttribute("lang"));
        Assert.Equal("fr", lesson.QuerySelector("article.lesson")!.GetAttribute("lang"));
        Assert.Contains("Catalogue", lesson.QuerySelector("nav.bar")!.TextContent);
        Assert.Null(lesson.QuerySelector(".notice.info"));
        var english = await (await factory.SignInAsync("newhire@academy.test")).GetDocumentAsync("/modules/warm-welcome");
        Assert.NotEqual(english.QuerySelector("h1")!.TextContent, lesson.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task FrenchSpeaker_SeesTheEnglishVersionWithANotice_WhenAModuleIsNotTranslated()
    {
        var client = await factory.SignInAsync("lea@academy.test");

        var lesson = await client.GetDocumentAsync("/modules/refunds");

        Assert.Equal("en", lesson.QuerySelector("article.lesson")!.GetAttribute("lang"));
        Assert.Contains("n’est pas encore traduit", lesson.QuerySelector(".notice.info")!.TextContent);
    }

    [Fact]
    public async Task Browser_LanguageIsUsed_WhenNobodyIsSignedIn()
    {
        var client = factory.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-FR"));

        var login = await client.GetDocumentAsync("/account/login");

        Assert.Equal("Se connecter", login.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Switcher_ChangesTheLanguage_AndRemembersItInTheProfile()
    {
        var client = await factory.SignInAsync("omar@academy.test");
        var form = (await client.GetDocumentAsync("/catalog")).QuerySelector("form.languages")!;
        Assert.Equal(("post", "/language", "/catalog"), (form.GetAttribute("method"), form.GetAttribute("action"), form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")));
        Assert.Equal(["en", "fr"], form.QuerySelectorAll("button[name=culture]").Select(b => b.GetAttribute("value")));

        var switched = await client.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/catalog" }, "/catalog");
        Assert.Equal("/catalog", switched.Headers.Location!.OriginalString);
        var catalog = await client.GetDocumentAsync("/catalog");
        var again = await (await factory.SignInAsync("omar@academy.test")).GetDocumentAsync("/catalog");

        Assert.Equal("Catalogue de formation", catalog.QuerySelector("h1")!.TextContent);
        Assert.Equal("Catalogue de formation", again.QuerySelector("h1")!.TextContent);
        await client.PostFormAsync("/language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
    }

    /// <summary>An image in any page (<c>&lt;img src="/language?culture=fr"&gt;</c>) makes a GET for the reader: it must
    /// change nothing. Old links still land where they pointed.</summary>
    [Fact]
    public async Task Switcher_ChangesNothing_WhenGetOrWithoutItsAntiforgeryToken()
    {
        var client = await factory.SignInAsync("nina@academy.test");

        var viaGet = await client.GetAsync("/language?culture=fr&returnUrl=%2Fcatalog");
        var forged = await client.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = "/catalog" }));
        var catalog = await client.GetDocumentAsync("/catalog");
        var again = await (await factory.SignInAsync("nina@academy.test")).GetDocumentAsync("/catalog");

        Assert.Equal((System.Net.HttpStatusCode.Redirect, "/catalog"), (viaGet.StatusCode, viaGet.Headers.Location!.OriginalString));
        Assert.False(viaGet.Headers.Contains("Set-Cookie") && viaGet.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("en", catalog.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", again.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public void EveryUiText_HasAFrenchTranslation()
    {
        var web = Path.Combine(AcademyFactory.RepositoryRoot, "Academy.Web");
        var french = System.Xml.Linq.XDocument.Load(Path.Combine(web, "Resources", "SharedResource.fr.resx"))
            .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        var pattern = new System.Text.RegularExpressions.Regex(@"\b[Tt]\[""((?:[^""\\]|\\.)+)""[\],]|ErrorMessage = ""((?:[^""\\]|\\.)+)""|\.Plural\([^,""]+,\s*""((?:[^""\\]|\\.)+)"",\s*""((?:[^""\\]|\\.)+)""");
        var missing = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f))
                .SelectMany(m => m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).Where(g => g.Success).Select(g => (File: Path.GetFileName(f), Key: g.Value))))
            .Where(x => !french.Contains(x.Key))
            .Select(x => $"{x.File}: {x.Key}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "Missing from SharedResource.fr.resx:\n" + string.Join("\n", missing));
    }

    /// <summary>Titles from the content are in French where a translation exists, else English marked lang="en", on HR's
    /// pages too: the report's columns and an employee's record.</summary>
    [Fact]
    public async Task HrPagesInFrench_MarkEachContentTitleWithItsLanguage()
    {
        var hr = await factory.SignInAsync("hr@academy.test");
        await hr.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/" }, "/");
        try
        {
            var report = await hr.GetDocumentAsync("/reports");
            var columns = report.QuerySelectorAll("#report th[data-module]").ToDictionary(th => th.GetAttribute("data-module")!, th => th.GetAttribute("lang"));
            Assert.Equal("fr", columns["warm-welcome"]);
            Assert.Equal("en", columns["refunds"]);
            Assert.Equal("fr", report.DocumentElement.GetAttribute("lang"));

            var record = await hr.GetDocumentAsync(report.QuerySelector("#report tbody tr th a")!.GetAttribute("href")!);
            var titles = record.QuerySelectorAll("tr[data-module] th").ToDictionary(th => th.ParentElement!.GetAttribute("data-module")!, th => th.GetAttribute("lang"));
            Assert.Equal(("fr", "en"), (titles["warm-welcome"], titles["refunds"]));

        }
        finally
        {
            await hr.PostFormAsync("/language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        }
    }

    [Fact]
    public void EveryFrenchText_HasANarrowNoBreakSpace_BeforeTwoPartPunctuationAndInsideQuotes()
    {
        var french = System.Xml.Linq.XDocument.Load(Path.Combine(AcademyFactory.RepositoryRoot, "Academy.Web", "Resources", "SharedResource.fr.resx"))
            .Root!.Elements("data").Select(d => d.Element("value")!.Value);
        var wrong = new System.Text.RegularExpressions.Regex("[^\u202f][:;!?»]|«[^\u202f]");

        // A placeholder's format ({0:0.#}) is not French punctuation.
        var placeholder = new System.Text.RegularExpressions.Regex(@"\{\d+(:[^}]*)?\}");
        var bad = french.Where(value => wrong.IsMatch(placeholder.Replace(value, "{}"))).ToList();

        Assert.True(bad.Count == 0, "Use U+202F before : ; ! ? » and after «:\n" + string.Join("\n", bad));
        // And the typographic apostrophe: l’employé, not l'employé.
        Assert.True(!french.Any(value => value.Contains('\'')), "Use ’ (U+2019), not ', in:\n" + string.Join("\n", french.Where(value => value.Contains('\''))));
    }

    [Fact]
    public void NoView_PutsPunctuationAfterATranslatedText()
    {
        // "@T["Your choice"]:" shows "Votre choix:" in French: the colon belongs inside the text to translate.
        var pattern = new System.Text.RegularExpressions.Regex(@"@T\[""(?:[^""\\]|\\.)*""[^\]\n]*\](?:</\w+>)?[:;!?]");
        var views = Directory.EnumerateFiles(Path.Combine(AcademyFactory.RepositoryRoot, "Academy.Web", "Pages"), "*.cshtml", SearchOption.AllDirectories);

        var found = views.SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}")).ToList();

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task FrenchSpeaker_SeesTheEnglishProgramMarkedAsEnglish_WithANotice()
    {
        var client = await factory.SignInAsync("lea@academy.test");

        var program = await client.GetDocumentAsync("/programs/onboarding");
        var home = await client.GetDocumentAsync("/");

        Assert.Equal("en", program.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Equal("en", program.QuerySelector(".lead")!.GetAttribute("lang"));
        Assert.Contains("Ce programme n’est pas encore traduit", program.QuerySelector(".notice.info")!.TextContent);
        Assert.Equal("en", home.QuerySelector("a[href='/programs/onboarding']")!.GetAttribute("lang"));
        var from = home.QuerySelector("#next-heading + p.meta span")!;
        Assert.Equal(("en", "Onboarding"), (from.GetAttribute("lang"), from.TextContent));
    }

    [Fact]
    public async Task FrenchSpeaker_SeesAnUntranslatedScenarioMarkedAsEnglish_WithANotice()
    {
        var client = await factory.SignInAsync("lea@academy.test");

        var start = await client.GetDocumentAsync("/modules/complaint-recovery/quizzes/cold-dinner");
        var translated = await client.GetDocumentAsync("/modules/warm-welcome/quizzes/late-arrival");
        var module = await client.GetDocumentAsync("/modules/complaint-recovery");

        Assert.Equal("en", start.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Contains("Ce scénario n’est pas encore traduit", start.QuerySelector(".notice.info")!.TextContent);
        Assert.Equal("fr", translated.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Null(translated.QuerySelector(".notice.info"));
        Assert.Equal("en", module.QuerySelector(".quizzes a[href$='/cold-dinner'] span")!.GetAttribute("lang"));
    }
}
