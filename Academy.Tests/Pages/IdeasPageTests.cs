using System.Net;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Domain.Practice;
using Academy.Web.Data;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The service ideas board, its lifecycle and permissions, the leading indicator, its CSV and the standards
/// heat map, against records whose numbers are known. Each test brings its own people in departments of their own.</summary>
[Collection(HostCollection.Name)]
public sealed class IdeasPageTests(AcademyFactory factory)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task PostIdea_ShowsOnTheBoard_WithTheAuthorsTeamAndStandard()
    {
        var team = await TeamAsync();
        var client = await factory.SignInAsync(team.LearnerEmail);

        var response = await client.PostFormAsync("/ideas", new()
        {
            ["Input.Kind"] = "Notice", ["Input.StandardId"] = "remember-preferences", ["Input.Text"] = "Regulars at breakfast like the window table",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var idea = await IdeaAsync(i => i.AuthorId == team.LearnerId);
        Assert.Equal($"/ideas/{idea.Id}?posted=True", response.Headers.Location!.OriginalString);
        Assert.Equal((IdeaKind.Notice, "remember-preferences", team.Department, IdeaStatus.Proposed), (idea.Kind, idea.StandardId, idea.Department, idea.Status));
        var board = await client.GetDocumentAsync("/ideas?MyTeam=true&Standard=remember-preferences");
        var card = board.QuerySelector($"#idea-{idea.Id}")!;
        Assert.Contains("Regulars at breakfast like the window table", card.TextContent);
        Assert.Contains(team.Department, card.TextContent);
        Assert.Contains("Noticed", card.TextContent);
        Assert.Null((await client.GetDocumentAsync("/ideas?Standard=warm-welcome")).QuerySelector($"#idea-{idea.Id}"));
        Assert.Null((await client.GetDocumentAsync("/ideas?Status=InPractice")).QuerySelector($"#idea-{idea.Id}"));
    }

    [Theory]
    [InlineData("Call her back on +33 6 12 34 56 78", "Remove the phone number")]
    [InlineData("Her address is anne.moreau@example.com", "Remove the email address")]
    [InlineData("   ", "Write what you noticed or your idea.")]
    [InlineData(null, "Keep it to 1,000 characters at most: shorten the text.")]
    public async Task PostIdea_RefusesPersonalDataEmptyAndTooLong_WithAMessage_AndSavesNothing(string? text, string message)
    {
        var team = await TeamAsync();
        var client = await factory.SignInAsync(team.LearnerEmail);

        var response = await client.PostFormAsync("/ideas", new() { ["Input.Kind"] = "Idea", ["Input.Text"] = text ?? new string('x', 1001) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientForms.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#text-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Input_Text")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await CountAsync(i => i.AuthorId == team.LearnerId));
    }

    [Fact]
    public async Task PostIdea_TwiceWithinAMinute_KeepsOne_AndTakesTheAuthorToIt()
    {
        var team = await TeamAsync();
        var client = await factory.SignInAsync(team.LearnerEmail);
        var fields = new Dictionary<string, string> { ["Input.Kind"] = "Idea", ["Input.Text"] = "Offer an umbrella when it rains at check-out" };

        var first = await client.PostFormAsync("/ideas", fields);
        var second = await client.PostFormAsync("/ideas", new(fields) { ["Input.Text"] = "Offer an umbrella when it rains at check-out  " });

        var idea = await IdeaAsync(i => i.AuthorId == team.LearnerId);
        Assert.Equal(1, await CountAsync(i => i.AuthorId == team.LearnerId));
        Assert.Equal($"/ideas/{idea.Id}?posted=True", first.Headers.Location!.OriginalString);
        Assert.Equal($"/ideas/{idea.Id}?again=True", second.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(second.Headers.Location!.OriginalString);
        Assert.Contains("You shared this a moment ago", page.QuerySelector("#idea-message")!.TextContent);
    }

    [Fact]
    public async Task PostIdea_EightTimesAtTheSameMoment_KeepsOne_AndTakesEveryRequestToIt()
    {
        var team = await TeamAsync();
        var client = await factory.SignInAsync(team.LearnerEmail);
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/ideas");
        var form = new Dictionary<string, string> { ["Input.Kind"] = "Idea", ["Input.Text"] = "Offer warm towels at the pool exit", ["__RequestVerificationToken"] = token };

        // A double click, many times over: the requests all pass the check before any of them has saved.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("/ideas", new FormUrlEncodedContent(form))));

        Assert.Equal(1, await CountAsync(i => i.AuthorId == team.LearnerId));
        var idea = await IdeaAsync(i => i.AuthorId == team.LearnerId);
        var locations = responses.Select(r => r.Headers.Location?.OriginalString).ToList();
        Assert.Equal(1, locations.Count(l => l == $"/ideas/{idea.Id}?posted=True"));
        Assert.Equal(7, locations.Count(l => l == $"/ideas/{idea.Id}?again=True"));
    }

    [Fact]
    public async Task Endorse_OncePerPerson_ASecondPressUndoes_AndCommentsRefusePersonalData()
    {
        var team = await TeamAsync();
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed);
        var colleague = await factory.SignInAsync(team.OtherEmail);
        var manager = await factory.SignInAsync(team.ManagerEmail);

        await colleague.PostFormAsync($"/ideas/{id}?handler=Endorse", [], $"/ideas/{id}");
        await manager.PostFormAsync($"/ideas/{id}?handler=Endorse", [], $"/ideas/{id}");
        Assert.Equal("2 endorsements", (await colleague.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#endorsements")!.TextContent.Trim());
        await colleague.PostFormAsync($"/ideas/{id}?handler=Endorse", [], $"/ideas/{id}");
        var page = await colleague.GetDocumentAsync($"/ideas/{id}");
        Assert.Equal("1 endorsement", page.QuerySelector("#endorsements")!.TextContent.Trim());
        Assert.Equal("false", page.QuerySelector("#idea button[aria-pressed]")!.GetAttribute("aria-pressed"));

        var refused = await colleague.PostFormAsync($"/ideas/{id}?handler=Comment", new() { ["Comment"] = "Ask at 06 12 34 56 78" }, $"/ideas/{id}");
        var accepted = await colleague.PostFormAsync($"/ideas/{id}?handler=Comment", new() { ["Comment"] = "We tried it at the bar: guests loved it" }, $"/ideas/{id}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Remove the phone number", (await HttpClientForms.ParseAsync(refused)).QuerySelector("span.field-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var comments = (await colleague.GetDocumentAsync($"/ideas/{id}")).QuerySelectorAll("#comments li");
        Assert.Contains("We tried it at the bar: guests loved it", Assert.Single(comments).TextContent);
    }

    [Fact]
    public async Task Endorse_TheAuthorHasNoButton_TheirPressIsRefusedOnThePage_AColleaguesCountsOnce()
    {
        var team = await TeamAsync();
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed);
        var author = await factory.SignInAsync(team.LearnerEmail);
        var colleague = await factory.SignInAsync(team.OtherEmail);
        var manager = await factory.SignInAsync(team.ManagerEmail);

        Assert.Null((await author.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#idea button[aria-pressed]"));
        Assert.Null((await author.GetDocumentAsync("/ideas?MyTeam=true")).QuerySelector($"#idea-{id} button[aria-pressed]"));
        Assert.NotNull((await colleague.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#idea button[aria-pressed]"));
        Assert.NotNull((await manager.GetDocumentAsync("/ideas?MyTeam=true")).QuerySelector($"#idea-{id} button[aria-pressed]"));

        // A press from a page opened before the button was hidden, or a forged form.
        var refused = await author.PostFormAsync($"/ideas/{id}?handler=Endorse", new() { ["returnUrl"] = "/ideas" }, $"/ideas/{id}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HttpClientForms.ParseAsync(refused);
        Assert.Equal("You cannot endorse your own idea: your colleagues do.", page.QuerySelector(".validation-summary-errors li")!.TextContent);
        Assert.Equal("0 endorsements", page.QuerySelector("#endorsements")!.TextContent.Trim());
        Assert.Equal(0, await EndorsementsAsync(id));

        await colleague.PostFormAsync($"/ideas/{id}?handler=Endorse", [], $"/ideas/{id}");
        Assert.Equal("1 endorsement", (await author.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#endorsements")!.TextContent.Trim());
        Assert.Equal(1, await EndorsementsAsync(id));

        // An author's endorsement saved before authors were refused is not counted.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.IdeaEndorsements.Add(new IdeaEndorsement { IdeaId = id, EmployeeId = team.LearnerId, At = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        Assert.Equal("1 endorsement", (await colleague.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#endorsements")!.TextContent.Trim());
        Assert.Equal("1 endorsement", (await manager.GetDocumentAsync("/ideas?MyTeam=true")).QuerySelector($"#idea-{id} .endorsements")!.TextContent.Trim());
    }

    [Fact]
    public async Task Standard_OfAnIdea_IsInTheReadersLanguage_OnTheIdeaTheListAndTheFilters()
    {
        var team = await TeamAsync(language: "fr");
        var french = await factory.SignInAsync(team.LearnerEmail);
        var english = await factory.SignInAsync((await TeamAsync()).LearnerEmail);
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed, standardId: "keep-promises");

        var details = (await french.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#idea .meta span[lang]")!;
        var list = await french.GetDocumentAsync("/ideas");
        var inEnglish = (await english.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#idea .meta span[lang]")!;

        Assert.Equal(("Tenir chaque promesse", "fr"), (details.TextContent, details.GetAttribute("lang")));
        Assert.Equal("Tenir chaque promesse", list.QuerySelector($"#idea-{id} .meta span[lang=fr]")!.TextContent);
        Assert.Equal("Tenir chaque promesse", list.QuerySelector("#Standard option[value=keep-promises][lang=fr]")!.TextContent);
        Assert.Equal("Tenir chaque promesse", list.QuerySelector("#Input_StandardId option[value=keep-promises][lang=fr]")!.TextContent);
        Assert.Equal(("Keep every promise", "en"), (inEnglish.TextContent, inEnglish.GetAttribute("lang")));
    }

    [Fact]
    public async Task Comments_ShowTheirDayLikeTheRestOfThePage_AndAnEmptyOrTooLongOneGetsACommentsMessage_InEnglishAndFrench()
    {
        var team = await TeamAsync();
        var french = await factory.SignInAsync((await TeamAsync(language: "fr")).LearnerEmail);
        var english = await factory.SignInAsync(team.OtherEmail);
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.IdeaComments.Add(new IdeaComment { IdeaId = id, AuthorId = team.OtherId, Text = "Good one, we tried it on Tuesday", PostedAt = new DateTimeOffset(2026, 12, 3, 3, 16, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        Assert.Equal("3 December 2026", (await english.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#comments li small")!.TextContent);
        Assert.Equal("3 décembre 2026", (await french.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#comments li small")!.TextContent);

        async Task<string> RefusedAsync(HttpClient client, string comment)
        {
            var response = await client.PostFormAsync($"/ideas/{id}?handler=Comment", new() { ["Comment"] = comment }, $"/ideas/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await HttpClientForms.ParseAsync(response)).QuerySelector("#comment-form .field-error")!.TextContent;
        }
        Assert.Equal("Write your comment.", await RefusedAsync(english, "  "));
        Assert.Equal("Écrivez votre commentaire.", await RefusedAsync(french, ""));
        Assert.Equal("Keep it to 1,000 characters at most: shorten the text.", await RefusedAsync(english, new string('x', 1001)));
        Assert.Equal("Pas plus de 1\u202f000 caractères\u202f: raccourcissez le texte.", await RefusedAsync(french, new string('x', 1001)));
        Assert.Single((await english.GetDocumentAsync($"/ideas/{id}")).QuerySelectorAll("#comments li"));
    }

    [Fact]
    public async Task Lifecycle_MovedByTheAuthorsManagerChainAndHr_NeverByTheAuthorNorAnotherTeamsManager()
    {
        var team = await TeamAsync();
        var otherTeam = await TeamAsync();
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed);
        var author = await factory.SignInAsync(team.LearnerEmail);
        var otherManager = await factory.SignInAsync(otherTeam.ManagerEmail);
        var topManager = await factory.SignInAsync(team.TopManagerEmail);

        var byAuthor = await author.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "InPractice" }, $"/ideas/{id}");
        var byOtherManager = await otherManager.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "InPractice" }, $"/ideas/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherManager.StatusCode);
        Assert.Null((await author.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#decide-form"));
        Assert.Null((await otherManager.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#decide-form"));
        Assert.Equal(IdeaStatus.Proposed, (await IdeaAsync(i => i.Id == id)).Status);

        // The author's managers find it on their team's board: the people under them, whatever their department.
        Assert.NotNull((await topManager.GetDocumentAsync("/ideas?MyTeam=true")).QuerySelector($"#idea-{id}"));
        Assert.Null((await otherManager.GetDocumentAsync("/ideas?MyTeam=true")).QuerySelector($"#idea-{id}"));

        // The manager's manager decides too: the author's manager chain, at any depth.
        var trying = await topManager.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "Trying" }, $"/ideas/{id}");
        Assert.Equal($"/ideas/{id}?decided=True", trying.Headers.Location!.OriginalString);
        var manager = await factory.SignInAsync(team.ManagerEmail);
        var noReason = await manager.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "NotNow", ["Reason"] = " " }, $"/ideas/{id}");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Say why not now", (await HttpClientForms.ParseAsync(noReason)).QuerySelector("span.field-error")!.TextContent);
        await manager.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "InPractice" }, $"/ideas/{id}");

        var idea = await IdeaAsync(i => i.Id == id);
        Assert.Equal((IdeaStatus.InPractice, DateOnly.FromDateTime(DateTime.UtcNow), team.ManagerId), (idea.Status, idea.InPracticeOn, idea.DecidedById));
        var page = await author.GetDocumentAsync($"/ideas/{id}");
        Assert.Contains("In practice", page.QuerySelector("#idea-status")!.TextContent);
        Assert.Contains("decided by Team Manager", page.QuerySelector("#idea-status")!.TextContent);

        // In practice is final, and HR decides for everyone: a second idea set aside with a reason.
        var again = await manager.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "NotNow", ["Reason"] = "Changed our mind" }, $"/ideas/{id}");
        Assert.Contains("cannot move there", (await HttpClientForms.ParseAsync(again)).QuerySelector(".validation-summary-errors")!.TextContent);
        var second = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed);
        var hr = await factory.SignInAsync("hr@academy.test");
        await hr.PostFormAsync($"/ideas/{second}?handler=Decide", new() { ["To"] = "NotNow", ["Reason"] = "The budget is spent until March" }, $"/ideas/{second}");
        Assert.Equal((IdeaStatus.NotNow, "The budget is spent until March"), ((await IdeaAsync(i => i.Id == second)).Status, (await IdeaAsync(i => i.Id == second)).NotNowReason));
        Assert.Contains("The budget is spent until March", (await author.GetDocumentAsync($"/ideas/{second}")).QuerySelector("#idea-reason")!.TextContent);
    }

    [Fact]
    public async Task Indicator_ChartsTheRecords_PerMonthDepartmentAndStandard_ForTheManagersTeamOnly()
    {
        var team = await TeamAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastMonth = today.AddMonths(-1);
        await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.InPractice, today, "warm-welcome");
        await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.InPractice, today, "warm-welcome");
        await AddIdeaAsync(team.OtherId, team.OtherDepartment, IdeaStatus.InPractice, lastMonth, "keep-promises");
        await AddIdeaAsync(team.OtherId, team.OtherDepartment, IdeaStatus.InPractice, today.AddMonths(-13), "keep-promises");
        await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Trying);
        // Outside the team: not the manager's to see.
        var stranger = await TeamAsync();
        await AddIdeaAsync(stranger.LearnerId, stranger.Department, IdeaStatus.InPractice, today, "warm-welcome");
        // The learner is current on warm-welcome (its one module), nobody on keep-promises.
        await factory.RecordCompletionsAsync(team.LearnerId, ["warm-welcome"]);

        var page = await (await factory.SignInAsync(team.ManagerEmail)).GetDocumentAsync("/indicator");

        Assert.Contains("3 ideas put into practice in the last 12 months.", page.QuerySelector("#in-practice-total")!.TextContent);
        var months = Rows(page, "#per-month-table");
        Assert.Equal(12, months.Length);
        Assert.Equal([today.ToString("MMMM yyyy", English), "2"], months[11]);
        Assert.Equal([lastMonth.ToString("MMMM yyyy", English), "1"], months[10]);
        Assert.Equal(3, months.Sum(m => int.Parse(m[1])));
        Assert.Equal(["1", "2"], page.QuerySelectorAll("#per-month svg text.value").Select(t => t.TextContent).Where(t => t != "0").ToArray());
        // Drawn to shrink to a phone's width (site.css, svg.fits), the month under way included, rather than scroll.
        Assert.Contains("fits", page.QuerySelector("#per-month svg")!.ClassList);
        Assert.Contains("fits", page.QuerySelector("#per-department svg")!.ClassList);
        Assert.Equal("table-scroll", page.QuerySelector("#per-department-table")!.ParentElement!.ClassName);
        var departments = Rows(page, "#per-department-table");
        // Training currency: the learner is current on 1 of the 8 standards (warm-welcome, whose one module is done): 12.5%.
        Assert.Contains([team.Department, "2", "1", "12%"], departments);
        Assert.Contains([team.OtherDepartment, "1", "1", "0%"], departments);
        var standards = Rows(page, "#per-standard-table");
        Assert.Contains(["The warm welcome", "2", "50%"], standards);
        Assert.Contains(["Keep every promise", "1", "0%"], standards);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignInAsync(team.OtherEmail)).GetAsync("/indicator")).StatusCode);

        var teamPage = await (await factory.SignInAsync(team.ManagerEmail)).GetDocumentAsync("/team");
        Assert.Contains("Your team put 3 service ideas into practice in the last 12 months, 2 of them this month.", Regex.Replace(teamPage.QuerySelector("#team-ideas")!.TextContent, @"\s+", " "));
    }

    [Fact]
    public async Task Indicator_ForHR_MatchesTheRecords_AsIdeasGoIntoPracticeAndOut_AndKeepsTheDepartmentAnIdeaWasPostedIn()
    {
        var team = await TeamAsync();
        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var first = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed, standardId: "warm-welcome");
        var second = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Trying, standardId: "warm-welcome", text: "Umbrellas by the door");
        var third = await AddIdeaAsync(team.OtherId, team.OtherDepartment, IdeaStatus.Proposed, text: "A hand-drawn map of the town");
        var manager = await factory.SignInAsync(team.ManagerEmail);
        foreach (var id in new[] { first, second, third })
            await manager.PostFormAsync($"/ideas/{id}?handler=Decide", new() { ["To"] = "InPractice" }, $"/ideas/{id}");
        var hr = await factory.SignInAsync("hr@academy.test");

        Assert.Equal([$"{month},{team.Department},warm-welcome,The warm welcome,2", $"{month},{team.OtherDepartment},,,1"], await CsvLinesAsync(hr, team));
        var page = await hr.GetDocumentAsync("/indicator");
        Assert.Contains([team.Department, "2", "1", "0%"], Rows(page, "#per-department-table"));
        Assert.Contains([team.OtherDepartment, "1", "1", "0%"], Rows(page, "#per-department-table"));
        // Everyone's figures are the records' own: the total, and each month's column, counted from the ideas themselves.
        var months = IdeaRules.LastMonths(DateOnly.FromDateTime(DateTime.UtcNow), 12);
        var inPractice = await IdeasAsync(i => i.Status == IdeaStatus.InPractice && i.InPracticeOn >= months[0]);
        Assert.Contains($"{inPractice.Count} ideas put into practice", page.QuerySelector("#in-practice-total")!.TextContent);
        Assert.Equal([.. months.Select(m => inPractice.Count(i => i.InPracticeOn!.Value.Year == m.Year && i.InPracticeOn.Value.Month == m.Month).ToString("N0", English))],
            Rows(page, "#per-month-table").Select(r => r[1]).ToArray());

        // In practice is final on the page: a refused move changes nothing.
        await manager.PostFormAsync($"/ideas/{first}?handler=Decide", new() { ["To"] = "NotNow", ["Reason"] = "Too dear" }, $"/ideas/{first}");
        // The author moves to another department: their ideas stay with the team they were made in.
        await SetDepartmentAsync(team.LearnerId, $"Moved {team.Department}");
        Assert.Equal([$"{month},{team.Department},warm-welcome,The warm welcome,2", $"{month},{team.OtherDepartment},,,1"], await CsvLinesAsync(hr, team));
        var moved = Rows(await hr.GetDocumentAsync("/indicator"), "#per-department-table");
        Assert.Contains([team.Department, "2", "0", "–"], moved);
        Assert.Contains([$"Moved {team.Department}", "0", "1", "0%"], moved);
        Assert.Contains("An idea counts in the department its author was in when posting it.", (await hr.GetDocumentAsync("/indicator")).Body!.TextContent);

        // Any save that takes an idea out of practice (back to trying, set aside, deleted) takes it out of the counts.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var ideas = await db.ServiceIdeas.Where(i => i.Id == first || i.Id == second || i.Id == third).ToDictionaryAsync(i => i.Id);
            (ideas[first].Status, ideas[first].InPracticeOn) = (IdeaStatus.Trying, null);
            (ideas[second].Status, ideas[second].InPracticeOn, ideas[second].NotNowReason) = (IdeaStatus.NotNow, null, "Not this winter");
            await db.SaveChangesAsync();
            Assert.Equal([$"{month},{team.Department},warm-welcome,The warm welcome,0", $"{month},{team.OtherDepartment},,,1"], await KeptAsync(db, team));
            db.ServiceIdeas.Remove(ideas[third]);
            await db.SaveChangesAsync();
            Assert.Equal([$"{month},{team.Department},warm-welcome,The warm welcome,0", $"{month},{team.OtherDepartment},,,0"], await KeptAsync(db, team));
        }
        Assert.Empty(await CsvLinesAsync(hr, team));
        Assert.DoesNotContain(Rows(await hr.GetDocumentAsync("/indicator"), "#per-department-table"), r => r[0] == team.Department && r[1] != "0");
    }

    [Fact]
    public async Task TwoDecisionsAtOnce_OnTheSameIdea_CountItOnce_TheSecondFailsWhole()
    {
        var team = await TeamAsync();
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.Proposed, standardId: "keep-promises");
        using var one = factory.Services.CreateScope();
        using var other = factory.Services.CreateScope();
        var first = one.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var second = other.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var seenFirst = await first.ServiceIdeas.SingleAsync(i => i.Id == id);
        var seenSecond = await second.ServiceIdeas.SingleAsync(i => i.Id == id);
        Assert.Null(seenFirst.MoveTo(IdeaStatus.InPractice, null, team.ManagerId, mayDecide: true, DateTimeOffset.UtcNow));
        Assert.Null(seenSecond.MoveTo(IdeaStatus.InPractice, null, team.ManagerId, mayDecide: true, DateTimeOffset.UtcNow));

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal([$"{month},{team.Department},keep-promises,Keep every promise,1"], await KeptAsync(first, team));
        Assert.Equal([$"{month},{team.Department},keep-promises,Keep every promise,1"], await CsvLinesAsync(await factory.SignInAsync("hr@academy.test"), team));
    }

    [Fact]
    public async Task IndicatorCsv_HasABom_TheCountsPerMonthDepartmentAndStandard_AndNeutralisesFormulas()
    {
        var team = await TeamAsync(department: "=HYPERLINK(\"x\")");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.InPractice, today, "warm-welcome");
        await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.InPractice, today, "warm-welcome");
        await AddIdeaAsync(team.OtherId, team.OtherDepartment, IdeaStatus.InPractice, today, null);

        var response = await (await factory.SignInAsync(team.ManagerEmail)).GetAsync("/indicator?handler=Csv");

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var month = today.ToString("yyyy-MM");
        Assert.Equal(["Month,Department,Standard id,Standard,Ideas put into practice",
            $"{month},{team.OtherDepartment},,,1",
            $"{month},\"'=HYPERLINK(\"\"x\"\")\",warm-welcome,The warm welcome,2"], lines.OrderBy(l => l.StartsWith("Month") ? 0 : l.Contains(team.OtherDepartment) ? 1 : 2));
    }

    [Fact]
    public async Task StoryInPractice_BecomesADraftScenario_ForATrainer_WithTheStoryAsItsBriefing()
    {
        var team = await TeamAsync();
        var id = await AddIdeaAsync(team.LearnerId, team.Department, IdeaStatus.InPractice, DateOnly.FromDateTime(DateTime.UtcNow), "warm-welcome",
            "A guest arrived soaked by the rain.\n## We offered a towel and tea\n- [1] before asking for the booking");
        var trainer = await factory.SignInAsync("trainer@academy.test");
        var detail = await trainer.GetDocumentAsync($"/ideas/{id}");
        Assert.Equal("warm-welcome", detail.QuerySelector("#ModuleId option[selected]")!.GetAttribute("value"));

        var response = await trainer.PostFormAsync($"/ideas/{id}?handler=Scenario", new() { ["ModuleId"] = "warm-welcome" }, $"/ideas/{id}");
        var twice = await trainer.PostFormAsync($"/ideas/{id}?handler=Scenario", new() { ["ModuleId"] = "warm-welcome" }, $"/ideas/{id}");

        var path = $"modules/warm-welcome/story-{id}.quiz.md";
        Assert.Equal($"/workspace/edit?path={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
        Assert.Equal(response.Headers.Location, twice.Headers.Location);
        using var scope = factory.Services.CreateScope();
        var draft = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ContentDrafts.SingleAsync(d => d.Path == path);
        Assert.Contains("> A guest arrived soaked by the rain.\n> ## We offered a towel and tea\n", draft.Markdown);
        var editor = await trainer.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("A guest arrived soaked by the rain.", editor.QuerySelector("#preview")?.TextContent ?? editor.Body!.TextContent);
        Assert.Null(editor.QuerySelector("#problems-title"));

        var learner = await factory.SignInAsync(team.LearnerEmail);
        Assert.Null((await learner.GetDocumentAsync($"/ideas/{id}")).QuerySelector("#scenario-form"));
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostFormAsync($"/ideas/{id}?handler=Scenario", new() { ["ModuleId"] = "warm-welcome" }, $"/ideas/{id}")).StatusCode);
    }

    [Fact]
    public async Task HeatMap_ShowsTheShareCurrentPerStandardAndDepartment_ForTheManagersPeople()
    {
        var team = await TeamAsync();
        // warm-welcome is the one module of the warm welcome; own-the-problem needs three, of which only one is done.
        await factory.RecordCompletionsAsync(team.LearnerId, ["warm-welcome", "listen-first"]);

        var page = await (await factory.SignInAsync(team.ManagerEmail)).GetDocumentAsync("/passport/heat-map");

        var headers = page.QuerySelectorAll("#currency-heat-map-table thead th").Select(h => h.TextContent.Trim()).ToList();
        var rows = Rows(page, "#currency-heat-map-table");
        var learnerRow = rows.Single(r => r[0].StartsWith(team.Department));
        Assert.Equal($"{team.Department} (1 person)", learnerRow[0]);
        Assert.Equal("100%", learnerRow[headers.IndexOf("The warm welcome")]);
        Assert.Equal("100%", learnerRow[headers.IndexOf("Listen before acting")]);
        Assert.Equal("0%", learnerRow[headers.IndexOf("Own the problem")]);
        Assert.NotNull(page.QuerySelector("#currency-heat-map svg"));
        // The legend is a list that wraps on a phone, outside the map, which scrolls in its box rather than shrink.
        Assert.Equal(["0–19%", "20–39%", "40–59%", "60–79%", "80–100%"], page.QuerySelectorAll("#currency-heat-map-legend li").Select(l => l.TextContent.Trim()).ToArray());
        Assert.Equal(5, page.QuerySelectorAll("#currency-heat-map-legend .swatch").Length);
        Assert.DoesNotContain("fits", page.QuerySelector("#currency-heat-map svg")!.ClassList);
        // On a phone the table stands in for the drawing (site.css, .chart-figure.heat), so its cells carry the shades.
        Assert.Contains("heat", page.QuerySelector("figure#currency-heat-map")!.ClassList);
        var learnerCells = page.QuerySelectorAll("#currency-heat-map-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith(team.Department)).QuerySelectorAll("td");
        Assert.Contains("shade-4", learnerCells[headers.IndexOf("The warm welcome") - 1].ClassList);
        Assert.Contains("shade-0", learnerCells[headers.IndexOf("Own the problem") - 1].ClassList);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignInAsync(team.OtherEmail)).GetAsync("/passport/heat-map")).StatusCode);
    }

    [Fact]
    public async Task Board_IsInFrench_WithItsFrenchTypography()
    {
        var team = await TeamAsync(language: "fr");
        var client = await factory.SignInAsync(team.LearnerEmail);

        var refused = await client.PostFormAsync("/ideas", new() { ["Input.Kind"] = "Idea", ["Input.Text"] = "Rappeler le 06 12 34 56 78" });
        var page = await HttpClientForms.ParseAsync(refused);

        Assert.Equal("Idées de service", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Retirez le numéro de téléphone", page.QuerySelector("#text-error")!.TextContent);
        Assert.Contains("Que partagez-vous\u202f?", page.QuerySelector("legend")!.TextContent);
    }

    [Fact]
    public async Task Board_TheHintAndTheTooLongMessage_SayTheSameLimit_InTheReadersNumbers()
    {
        var tooLong = new Dictionary<string, string> { ["Input.Kind"] = "Idea", ["Input.Text"] = new string('x', 1001) };

        var english = await HttpClientForms.ParseAsync(await (await factory.SignInAsync((await TeamAsync()).LearnerEmail)).PostFormAsync("/ideas", tooLong));
        var french = await HttpClientForms.ParseAsync(await (await factory.SignInAsync((await TeamAsync(language: "fr")).LearnerEmail)).PostFormAsync("/ideas", tooLong));

        Assert.EndsWith("At most 1,000 characters.", english.QuerySelector("#text-hint")!.TextContent);
        Assert.Equal("Keep it to 1,000 characters at most: shorten the text.", english.QuerySelector("#text-error")!.TextContent);
        Assert.EndsWith("1\u202f000 caractères au plus.", french.QuerySelector("#text-hint")!.TextContent);
        Assert.Equal("Pas plus de 1\u202f000 caractères\u202f: raccourcissez le texte.", french.QuerySelector("#text-error")!.TextContent);
    }

    private sealed record Team(string TopManagerEmail, string ManagerId, string ManagerEmail, string LearnerId, string LearnerEmail, string Department,
        string OtherId, string OtherEmail, string OtherDepartment);

    /// <summary>A top manager over a manager, who has two reports in two departments of their own: the learner, and a
    /// colleague who reports to the learner's manager through the learner (two levels down).</summary>
    private async Task<Team> TeamAsync(string language = "en", string? department = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (topId, topEmail) = await EmployeeAsync("Top Manager", $"Direction {suffix}", null, language);
        var (managerId, managerEmail) = await EmployeeAsync("Team Manager", $"Direction {suffix}", topId, language);
        var (learnerId, learnerEmail) = await EmployeeAsync("Idea Learner", department ?? $"Front {suffix}", managerId, language);
        var (otherId, otherEmail) = await EmployeeAsync("Idea Colleague", $"Spa {suffix}", learnerId, language);
        return new Team(topEmail, managerId, managerEmail, learnerId, learnerEmail, department ?? $"Front {suffix}", otherId, otherEmail, $"Spa {suffix}");
    }

    private async Task<(string Id, string Email)> EmployeeAsync(string name, string department, string? managerId, string language)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var email = $"idea-{Guid.NewGuid():N}@academy.test";
        var employee = new Employee
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = name, Department = department, ManagerId = managerId, PreferredLanguage = language,
        };
        Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
        await users.AddToRoleAsync(employee, "Learner");
        return (employee.Id, email);
    }

    private async Task<int> AddIdeaAsync(string authorId, string department, IdeaStatus status, DateOnly? inPracticeOn = null, string? standardId = null,
        string text = "Warm towels at the pool")
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var idea = new ServiceIdea
        {
            AuthorId = authorId, Department = department, Kind = IdeaKind.Idea, Text = text, StandardId = standardId, Status = status,
            InPracticeOn = inPracticeOn, PostedAt = DateTimeOffset.UtcNow.AddDays(-40),
        };
        db.ServiceIdeas.Add(idea);
        await db.SaveChangesAsync();
        return idea.Id;
    }

    private async Task<int> EndorsementsAsync(int ideaId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().IdeaEndorsements.CountAsync(e => e.IdeaId == ideaId);
    }

    private async Task<ServiceIdea> IdeaAsync(System.Linq.Expressions.Expression<Func<ServiceIdea, bool>> where)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ServiceIdeas.AsNoTracking().SingleAsync(where);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<ServiceIdea, bool>> where)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ServiceIdeas.CountAsync(where);
    }

    /// <summary>HR's CSV lines for the two departments of <paramref name="team"/>, sorted.</summary>
    private static async Task<string[]> CsvLinesAsync(HttpClient hr, Team team)
    {
        var csv = await (await hr.GetAsync("/indicator?handler=Csv")).Content.ReadAsStringAsync();
        return [.. csv.Split("\r\n").Where(l => l.Contains($",{team.Department},") || l.Contains($",{team.OtherDepartment},")).Order(StringComparer.Ordinal)];
    }

    /// <summary>The kept monthly counts of the two departments of <paramref name="team"/>, as CSV lines, sorted.</summary>
    private static async Task<string[]> KeptAsync(AcademyDbContext db, Team team)
    {
        string[] departments = [team.Department, team.OtherDepartment];
        var rows = await db.IdeaMonthCounts.AsNoTracking().Where(c => departments.Contains(c.Department)).ToListAsync();
        string Title(string id) => id switch { "" => "", "warm-welcome" => "The warm welcome", "keep-promises" => "Keep every promise", _ => id };
        return [.. rows.Select(c => $"{c.Month:yyyy-MM},{c.Department},{c.StandardId},{Title(c.StandardId)},{c.Ideas}").Order(StringComparer.Ordinal)];
    }

    private async Task<List<ServiceIdea>> IdeasAsync(System.Linq.Expressions.Expression<Func<ServiceIdea, bool>> where)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ServiceIdeas.AsNoTracking().Where(where).ToListAsync();
    }

    private async Task SetDepartmentAsync(string employeeId, string department)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var employee = await db.Users.SingleAsync(u => u.Id == employeeId);
        employee.Department = department;
        await db.SaveChangesAsync();
    }

    private static string[][] Rows(IParentNode page, string table) =>
        [.. page.QuerySelectorAll($"{table} tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())];
}
