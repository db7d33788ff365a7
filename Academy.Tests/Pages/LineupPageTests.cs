using System.Net;
using Academy.Domain.Practice;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The daily line-up on the site, on a clock the tests move: the card's standard, stories and review
/// questions, "done for today" with its streak, and a manager's present mode with attendance.</summary>
[Collection(HostCollection.Name)]
public sealed class LineupPageTests(LineupPageTests.Site fixture) : IClassFixture<LineupPageTests.Site>
{
    /// <summary>One site on a fake clock for the class; each test has its own people and reads dates relative to the clock.</summary>
    public sealed class Site : IDisposable
    {
        public ClockFactory Host { get; } = new();

        public void Dispose() => Host.Dispose();
    }

    private readonly ClockFactory site = fixture.Host;

    private const string Module = "refunds";
    private const string QuizId = "refund-rules";

    [Fact]
    public async Task WrongAnswer_ComesBackOnTheCardSooner_AndMoreOften_ThanRightOnes_OverThirtyDays()
    {
        var (client, _) = await NewEmployeeAsync();
        var wrongStep = (await TakeQuizAsync(client, wrongOnFirst: true))!;
        var seen = new Dictionary<string, List<int>>();

        for (var day = 1; day <= 30; day++)
        {
            site.Clock.Advance(TimeSpan.FromDays(1));
            var asked = await AnswerTheCardAsync(client);
            Assert.True(asked.Count <= 3, $"Day {day}: the card asked {asked.Count} questions.");
            foreach (var stepId in asked) (seen.TryGetValue(stepId, out var days) ? days : seen[stepId] = []).Add(day);
        }

        Assert.Equal(1, seen[wrongStep][0]);
        var rightSteps = seen.Keys.Where(k => k != wrongStep).ToList();
        Assert.Equal(3, rightSteps.Count);
        Assert.All(rightSteps, s => Assert.True(seen[s][0] > 1, $"'{s}', answered well, came back on day {seen[s][0]}."));
        Assert.All(rightSteps, s => Assert.True(seen[wrongStep].Count > seen[s].Count,
            $"The wrong answer came back {seen[wrongStep].Count} times, '{s}' {seen[s].Count} times."));
    }

    [Fact]
    public async Task Card_AnswersInPlaceWithFeedback_AndADoubledAnswerCountsOnce()
    {
        var (client, _) = await NewEmployeeAsync();
        await TakeQuizAsync(client, wrongOnFirst: true);
        site.Clock.Advance(TimeSpan.FromDays(1));
        var page = await client.GetDocumentAsync("/lineup");
        var (itemId, reps, step) = await FormAsync(page);
        Assert.Contains("Question 1 of", page.QuerySelector("#question-number")!.TextContent);
        var token = page.QuerySelector("form.quiz input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = await PostAnswerAsync(client, token, itemId, reps, WrongPicks(step));
        var second = await PostAnswerAsync(client, token, itemId, reps, RightPicks(step));

        Assert.Equal("/lineup?answered=" + itemId + "#review", first.Headers.Location!.OriginalString);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using (var scope = site.Services.CreateScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewLogs.CountAsync(l => l.ReviewItemId == itemId));
        var feedback = await client.GetDocumentAsync(first.Headers.Location!.OriginalString);
        Assert.Equal(step.Title, feedback.QuerySelector("#feedback-title")!.TextContent);
        Assert.NotNull(feedback.QuerySelector("#review .answer.best"));
        // Answered wrongly, it is due again within minutes, but the card asks each item once a day.
        Assert.NotEqual(itemId.ToString(), feedback.QuerySelector("input[name=itemId]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Card_AnswerWithoutAPick_SaysSoBesideTheQuestion_AndCountsNothing()
    {
        var (client, _) = await NewEmployeeAsync();
        await TakeQuizAsync(client, wrongOnFirst: true);
        site.Clock.Advance(TimeSpan.FromDays(1));
        var page = await client.GetDocumentAsync("/lineup");
        var (itemId, reps, _) = await FormAsync(page);
        var token = page.QuerySelector("form.quiz input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var posted = await PostAnswerAsync(client, token, itemId, reps, []);

        // The redirect lands on the questions (#review), so the message is there, not above the standard of the day.
        Assert.Equal("/lineup#review", posted.Headers.Location!.OriginalString);
        var again = await client.GetDocumentAsync("/lineup");
        Assert.Equal("Pick an answer before you go on.", again.QuerySelector("#review [role=alert]")!.TextContent);
        Assert.Equal(itemId.ToString(), again.QuerySelector("#review input[name=itemId]")!.GetAttribute("value"));
        using var scope = site.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewLogs.CountAsync(l => l.ReviewItemId == itemId));
    }

    [Fact]
    public async Task Rotation_FollowsTheCalendar_AndSaysWhenTheStandardComesFromTheCycle()
    {
        var (client, _) = await NewEmployeeAsync();
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        await PublishAsync("lineup.md", $"""
            ---
            title: Daily line-up
            working-days: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
            start: {today:yyyy-MM-dd}
            ---
            ## Cycle
            1. listen-first
            2. warm-welcome

            ## Calendar
            - {today.AddDays(1):yyyy-MM-dd}: initiative-within-limits
            """);

        var cycleDay = await client.GetDocumentAsync("/lineup");
        site.Clock.Advance(TimeSpan.FromDays(1));
        var calendarDay = await client.GetDocumentAsync("/lineup");
        site.Clock.Advance(TimeSpan.FromDays(1));
        var backToCycle = await client.GetDocumentAsync("/lineup");

        Assert.Equal("Listen before acting", cycleDay.QuerySelector("#standard-title")!.TextContent);
        Assert.Contains("from the cycle", cycleDay.QuerySelector("#standard-source")!.TextContent);
        Assert.Null(cycleDay.QuerySelector("#frame"));
        Assert.Equal("Initiative within limits", calendarDay.QuerySelector("#standard-title")!.TextContent);
        Assert.Contains("chosen for today", calendarDay.QuerySelector("#standard-source")!.TextContent);
        Assert.Contains("€75", calendarDay.QuerySelector("#frame")!.TextContent);
        Assert.Equal("Listen before acting", backToCycle.QuerySelector("#standard-title")!.TextContent);
        Assert.Contains("from the cycle", backToCycle.QuerySelector("#standard-source")!.TextContent);
    }

    [Fact]
    public async Task Standard_IsInTheReadersLanguage_AndMarkedEnglishOnlyForAnEnglishReader()
    {
        var (english, _) = await NewEmployeeAsync();
        var french = await site.SignInAsync("lea@academy.test");

        var inEnglish = (await english.GetDocumentAsync("/lineup")).QuerySelector("#standard-title")!;
        var inFrench = (await french.GetDocumentAsync("/lineup")).QuerySelector("#standard")!;

        var standard = Content.Standards.Single(s => s.Title == inEnglish.TextContent);
        Assert.Equal("en", inEnglish.GetAttribute("lang"));
        var title = inFrench.QuerySelector("#standard-title")!;
        Assert.Equal((standard.TitleIn("fr"), "fr"), (title.TextContent, title.GetAttribute("lang")));
        Assert.NotEqual(standard.Title, title.TextContent);
        // content/standards.fr.md translates every standard: nothing of today's falls back to English.
        Assert.Empty(inFrench.QuerySelectorAll("[lang=en]"));
    }

    [Fact]
    public async Task DoneForToday_CountsOnce_AndBuildsAStreak()
    {
        var (client, id) = await NewEmployeeAsync();
        // Everyone works every day in this test's line-up, so that the streak does not depend on the weekday.
        await PublishAsync("lineup.md", "---\nworking-days: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]\n---\n");
        var first = await client.PostFormAsync("/lineup?handler=Done", [], "/lineup");
        var again = await client.PostFormAsync("/lineup?handler=Done", [], "/lineup");
        var page = await client.GetDocumentAsync("/lineup");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("1 day in a row", page.QuerySelector("#streak")!.TextContent);
        Assert.NotNull(page.QuerySelector("#done-message"));
        Assert.Null(page.QuerySelector("#done-button"));

        site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("1 day in a row", (await client.GetDocumentAsync("/lineup")).QuerySelector("#streak")!.TextContent);
        await client.PostFormAsync("/lineup?handler=Done", [], "/lineup");
        Assert.Equal("2 days in a row", (await client.GetDocumentAsync("/lineup")).QuerySelector("#streak")!.TextContent);
        site.Clock.Advance(TimeSpan.FromDays(2));
        var afterAMissedDay = await client.GetDocumentAsync("/lineup");
        Assert.Equal("0 days in a row", afterAMissedDay.QuerySelector("#streak")!.TextContent);

        using var scope = site.Services.CreateScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().LineupCompletions.CountAsync(c => c.EmployeeId == id));
    }

    [Fact]
    public async Task DoneForToday_PressedSixTimesAtOnce_CountsOnce()
    {
        var (client, id) = await NewEmployeeAsync();
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/lineup");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };

        var presses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync("/lineup?handler=Done", new FormUrlEncodedContent(form))));

        Assert.All(presses, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal("1 day in a row", (await client.GetDocumentAsync("/lineup")).QuerySelector("#streak")!.TextContent);
        using var scope = site.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().LineupCompletions.CountAsync(c => c.EmployeeId == id));
    }

    [Fact]
    public async Task Story_IsAnIdeaInPractice_FromTheLearnersDepartmentFirst()
    {
        var department = $"Concierge {Guid.NewGuid():N}";
        var (client, id) = await NewEmployeeAsync(department: department);
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var marker = Guid.NewGuid().ToString("N");
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.ServiceIdeas.AddRange(
                Idea(id, department, $"Ours, in practice {marker}", IdeaStatus.InPractice, today.AddDays(-3)),
                Idea(id, "Elsewhere", $"Newer, another team {marker}", IdeaStatus.InPractice, today),
                Idea(id, department, $"Only proposed {marker}", IdeaStatus.Proposed, null),
                Idea(id, department, $"Tomorrow {marker}", IdeaStatus.InPractice, today.AddDays(1)));
            await db.SaveChangesAsync();
        }

        var stories = (await client.GetDocumentAsync("/lineup")).QuerySelectorAll("#stories .story").Select(s => s.TextContent).ToList();

        Assert.Equal(2, stories.Count);
        Assert.Contains($"Ours, in practice {marker}", stories[0]);
        Assert.Contains("Lineup Person", stories[0]);
        Assert.DoesNotContain(stories, s => s.Contains($"Only proposed {marker}") || s.Contains($"Tomorrow {marker}"));
    }

    [Fact]
    public async Task Story_FromAnotherTeam_FillsTheCard_WhenTheLearnersDepartmentHasOnlyOne()
    {
        var department = $"Spa {Guid.NewGuid():N}";
        var (client, id) = await NewEmployeeAsync(department: department);
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var marker = Guid.NewGuid().ToString("N");
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.ServiceIdeas.AddRange(
                Idea(id, department, $"Ours, long ago {marker}", IdeaStatus.InPractice, today.AddDays(-40)),
                Idea(id, $"Bar {marker}", $"Another team, older {marker}", IdeaStatus.InPractice, today.AddDays(-1)),
                Idea(id, $"Bar {marker}", $"Another team, today {marker}", IdeaStatus.InPractice, today));
            await db.SaveChangesAsync();
        }

        var stories = (await client.GetDocumentAsync("/lineup")).QuerySelectorAll("#stories .story").Select(s => s.TextContent).ToList();

        Assert.Equal(2, stories.Count);
        Assert.Contains($"Ours, long ago {marker}", stories[0]);
        Assert.Contains($"Another team, today {marker}", stories[1]);
    }

    [Fact]
    public async Task Story_PutInPractice_IsOnTheNextCardAtOnce_AndOneOfTomorrow_TheNextDay()
    {
        var department = $"Reception {Guid.NewGuid():N}";
        var (manager, managerId) = await NewEmployeeAsync();
        var (client, id) = await NewEmployeeAsync(managerId, department);
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var marker = Guid.NewGuid().ToString("N");
        int proposed;
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var idea = Idea(id, department, $"Proposed, then in practice {marker}", IdeaStatus.Proposed, null);
            db.ServiceIdeas.Add(idea);
            await db.SaveChangesAsync();
            proposed = idea.Id;
        }
        async Task<List<string>> StoriesAsync() =>
            [.. (await client.GetDocumentAsync("/lineup")).QuerySelectorAll("#stories .story").Select(s => s.TextContent)];
        Assert.DoesNotContain(await StoriesAsync(), s => s.Contains(marker));

        // The manager puts it into practice: the card read just before does not hide it.
        var decided = await manager.PostFormAsync($"/ideas/{proposed}?handler=Decide", new() { ["To"] = "InPractice" }, $"/ideas/{proposed}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Contains($"Proposed, then in practice {marker}", (await StoriesAsync())[0]);

        // One in practice from tomorrow is not today's story, and is tomorrow's.
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.ServiceIdeas.Add(Idea(id, department, $"From tomorrow {marker}", IdeaStatus.InPractice, today.AddDays(1)));
            await db.SaveChangesAsync();
        }
        Assert.DoesNotContain(await StoriesAsync(), s => s.Contains($"From tomorrow {marker}"));
        site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains($"From tomorrow {marker}", (await StoriesAsync())[0]);
    }

    [Fact]
    public async Task Story_PutInPracticeOnAnotherNode_ReachesTheCardWithinAMinute()
    {
        var department = $"Spa {Guid.NewGuid():N}";
        var (client, id) = await NewEmployeeAsync(department: department);
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var marker = Guid.NewGuid().ToString("N");
        async Task<List<string>> StoriesAsync() =>
            [.. (await client.GetDocumentAsync("/lineup")).QuerySelectorAll("#stories .story").Select(s => s.TextContent)];
        Assert.DoesNotContain(await StoriesAsync(), s => s.Contains(marker));

        // Another node puts an idea of the department into practice: the row changes, and nothing tells this node.
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.ServiceIdeas.Add(Idea(id, department, $"Decided on another node {marker}", IdeaStatus.InPractice, today));
            await db.SaveChangesAsync();
        }

        // The cards of the next minute tell the stories read for the first; the first card after it reads them again.
        site.Clock.Advance(Academy.Web.Pages.Lineup.LineupStoriesCache.Fresh - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await StoriesAsync(), s => s.Contains(marker));
        site.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains($"Decided on another node {marker}", (await StoriesAsync())[0]);
    }

    [Fact]
    public async Task PresentMode_TellsTheStoriesOfEveryDepartmentOfTheTeam_BeforeNewerOnesOfOthers()
    {
        var (_, managerId) = await NewEmployeeAsync();
        var (kitchen, bar) = ($"Kitchen {Guid.NewGuid():N}", $"Bar {Guid.NewGuid():N}");
        var (_, cook) = await NewEmployeeAsync(managerId, kitchen);
        var (_, barman) = await NewEmployeeAsync(managerId, bar);
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var marker = Guid.NewGuid().ToString("N");
        string email;
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            db.ServiceIdeas.AddRange(
                Idea(cook, kitchen, $"Kitchen's {marker}", IdeaStatus.InPractice, today.AddDays(-5)),
                Idea(barman, bar, $"Bar's {marker}", IdeaStatus.InPractice, today.AddDays(-4)),
                Idea(cook, $"Elsewhere {marker}", $"Newer, another team {marker}", IdeaStatus.InPractice, today));
            await db.SaveChangesAsync();
            email = await db.Users.Where(u => u.Id == managerId).Select(u => u.Email!).SingleAsync();
        }

        var page = await (await site.SignInAsync(email)).GetDocumentAsync("/lineup/present");
        var stories = page.QuerySelectorAll("#stories .story").Select(s => s.TextContent).ToList();

        Assert.Equal(2, stories.Count);
        Assert.Contains($"Bar's {marker}", stories[0]);
        Assert.Contains($"Kitchen's {marker}", stories[1]);
    }

    [Fact]
    public async Task PresentMode_IsForbiddenToALearner_AndToTheManagerOfAnotherTeam()
    {
        var (_, managerId, _) = await TeamAsync();
        var (otherManager, _, _) = await TeamAsync();
        var (learner, _) = await NewEmployeeAsync();

        var asLearner = await learner.GetAsync("/lineup/present");
        var asOtherManager = await otherManager.GetAsync($"/lineup/present?managerId={managerId}");
        var token = await HttpClientForms.AntiforgeryTokenAsync(otherManager, "/lineup/present");
        var postAsOtherManager = await otherManager.PostAsync($"/lineup/present?managerId={managerId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var asHr = await (await site.SignInAsync("hr@academy.test")).GetAsync($"/lineup/present?managerId={managerId}");

        Assert.Equal(HttpStatusCode.Forbidden, asLearner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOtherManager.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, postAsOtherManager.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asHr.StatusCode);
    }

    [Fact]
    public async Task Attendance_IsRecordedOnce_AndShowsInTheEmployeesRecordAndPassport()
    {
        var (manager, _, members) = await TeamAsync();
        var page = await manager.GetDocumentAsync("/lineup/present");
        Assert.Equal(members.Count, page.QuerySelectorAll("input[name=attended]").Length);
        var token = page.QuerySelector("#attendance input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = page.QuerySelector("#attendance form")!.GetAttribute("action")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("attended", members[0]), new("attended", members[1]) };

        var first = await manager.PostAsync(action, new FormUrlEncodedContent(fields));
        var doubled = await manager.PostAsync(action, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, doubled.StatusCode);
        using (var scope = site.Services.CreateScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().LineupAttendances.Where(a => members.Contains(a.EmployeeId)).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.Equal(new[] { members[0], members[1] }.Order(), rows.Select(r => r.EmployeeId).Order());
        }
        var after = await manager.GetDocumentAsync(doubled.Headers.Location!.OriginalString);
        Assert.Equal("Attendance recorded: 2 people.", after.QuerySelector("#attendance-saved")!.TextContent);
        Assert.Equal(2, after.QuerySelectorAll("input[name=attended][checked]").Length);

        // Unticked, then ticked again and sent four times at once (an impatient hand on a slow network): still once each.
        await manager.PostAsync(action, new FormUrlEncodedContent(fields.Take(2)));
        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => manager.PostAsync(action, new FormUrlEncodedContent(fields))));
        Assert.All(together, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        using (var scope = site.Services.CreateScope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().LineupAttendances.CountAsync(a => members.Contains(a.EmployeeId)));

        var hr = await site.SignInAsync("hr@academy.test");
        var record = await hr.GetDocumentAsync($"/reports/employee/{members[0]}");
        Assert.Single(record.QuerySelectorAll("#lineups tbody tr"));
        var absent = await hr.GetDocumentAsync($"/reports/employee/{members[2]}");
        Assert.Null(absent.QuerySelector("#lineups tbody tr"));
        var passport = await hr.GetDocumentAsync($"/passport/{members[0]}");
        Assert.NotNull(passport.QuerySelector(".standard .lineup-attended"));
    }

    [Fact]
    public async Task Attendance_SentWithNobodyTicked_AsksWhoAttended_AndClearsADayRecordedByMistake()
    {
        var (manager, _, members) = await TeamAsync();
        var page = await manager.GetDocumentAsync("/lineup/present");
        var token = page.QuerySelector("#attendance input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = page.QuerySelector("#attendance form")!.GetAttribute("action")!;
        FormUrlEncodedContent Form(params string[] attended) =>
            new([new("__RequestVerificationToken", token), .. attended.Select(id => new KeyValuePair<string, string>("attended", id))]);
        async Task<int> RecordedAsync()
        {
            using var scope = site.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().LineupAttendances.CountAsync(a => members.Contains(a.EmployeeId));
        }

        var empty = await manager.PostAsync(action, Form());
        var asked = await manager.GetDocumentAsync(empty.Headers.Location!.OriginalString);
        Assert.Equal("Nobody is ticked: tick who attended, then record.", asked.QuerySelector("#attendance [role=alert]")!.TextContent);
        Assert.Null(asked.QuerySelector("#attendance-saved"));
        Assert.Equal(0, await RecordedAsync());

        await manager.PostAsync(action, Form(members[0]));
        Assert.Equal(1, await RecordedAsync());
        var cleared = await manager.PostAsync(action, Form());
        var page2 = await manager.GetDocumentAsync(cleared.Headers.Location!.OriginalString);
        Assert.Equal("Today's attendance is cleared.", page2.QuerySelector("#attendance-saved")!.TextContent);
        Assert.Null(page2.QuerySelector("#attendance [role=alert]"));
        Assert.Empty(page2.QuerySelectorAll("input[name=attended][checked]"));
        Assert.Equal(0, await RecordedAsync());
    }

    private static ServiceIdea Idea(string author, string department, string text, IdeaStatus status, DateOnly? inPracticeOn) => new()
    {
        AuthorId = author, Department = department, Text = text, Status = status, InPracticeOn = inPracticeOn,
        Kind = IdeaKind.Idea, PostedAt = DateTimeOffset.UnixEpoch,
    };

    private PublishedContent Content => site.Services.GetRequiredService<ContentCatalog>().Current;

    private QuizDocument Quiz => Content.Module(Module)!.Quiz(QuizId)!.Default.Document;

    private async Task PublishAsync(string path, string text)
    {
        using var scope = site.Services.CreateScope();
        var (result, _) = await scope.ServiceProvider.GetRequiredService<ContentImporter>().PublishAsync(path, text, "trainer@academy.test", CancellationToken.None);
        Assert.True(result.Ok, string.Join("; ", result.Errors));
    }

    private async Task<(HttpClient Client, string EmployeeId)> NewEmployeeAsync(string? managerId = null, string? department = null)
    {
        var email = $"lineup-{Guid.NewGuid():N}@academy.test";
        string id;
        using (var scope = site.Services.CreateScope())
        {
            var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Lineup Person", PreferredLanguage = "en", ManagerId = managerId, Department = department };
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().CreateAsync(employee, AcademyFactory.Password);
            Assert.True(created.Succeeded);
            id = employee.Id;
        }
        return (await site.SignInAsync(email), id);
    }

    /// <summary>A manager, signed in, with three direct reports.</summary>
    private async Task<(HttpClient Manager, string ManagerId, List<string> Members)> TeamAsync()
    {
        var (_, managerId) = await NewEmployeeAsync();
        List<string> members = [];
        for (var i = 0; i < 3; i++) members.Add((await NewEmployeeAsync(managerId)).EmployeeId);
        string email;
        using (var scope = site.Services.CreateScope())
            email = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Users.Where(u => u.Id == managerId).Select(u => u.Email!).SingleAsync();
        return (await site.SignInAsync(email), managerId, members);
    }

    /// <summary>Plays the quiz to the end, every answer right except the first when <paramref name="wrongOnFirst"/>;
    /// returns the step answered wrongly.</summary>
    private async Task<string?> TakeQuizAsync(HttpClient client, bool wrongOnFirst)
    {
        var start = await client.PostFormAsync($"/modules/{Module}/quizzes/{QuizId}", []);
        var attempt = start.Headers.Location!.OriginalString;
        string? wrong = null;
        while ((await client.GetDocumentAsync(attempt)).QuerySelector("input[name=stepId]")?.GetAttribute("value") is { } stepId)
        {
            var step = Quiz.Step(stepId)!;
            var answerWrongly = wrongOnFirst && wrong is null;
            if (answerWrongly) wrong = stepId;
            var fields = new List<KeyValuePair<string, string>>
                { new("stepId", stepId), new("__RequestVerificationToken", await HttpClientForms.AntiforgeryTokenAsync(client, attempt)) };
            fields.AddRange((answerWrongly ? WrongPicks(step) : RightPicks(step)).Select(p => new KeyValuePair<string, string>("picks", p.ToString())));
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(attempt, new FormUrlEncodedContent(fields))).StatusCode);
        }
        return wrong;
    }

    /// <summary>Answers every question the card asks today, rightly; returns their steps.</summary>
    private async Task<List<string>> AnswerTheCardAsync(HttpClient client)
    {
        List<string> asked = [];
        while (true)
        {
            var page = await client.GetDocumentAsync("/lineup");
            if (page.QuerySelector("input[name=itemId]") is null) return asked;
            var (itemId, reps, step) = await FormAsync(page);
            Assert.DoesNotContain(step.Id, asked);
            var token = page.QuerySelector("form.quiz input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            Assert.Equal(HttpStatusCode.Redirect, (await PostAnswerAsync(client, token, itemId, reps, RightPicks(step))).StatusCode);
            asked.Add(step.Id);
        }
    }

    private async Task<(int ItemId, int Reps, QuizStep Step)> FormAsync(IHtmlDocument page)
    {
        var itemId = int.Parse(page.QuerySelector("input[name=itemId]")!.GetAttribute("value")!);
        var reps = int.Parse(page.QuerySelector("input[name=reps]")!.GetAttribute("value")!);
        using var scope = site.Services.CreateScope();
        var stepId = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().ReviewItems.Where(i => i.Id == itemId).Select(i => i.StepId).SingleAsync();
        return (itemId, reps, Quiz.Step(stepId)!);
    }

    private static Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, string token, int itemId, int reps, int[] picks)
    {
        var fields = new List<KeyValuePair<string, string>> { new("itemId", itemId.ToString()), new("reps", reps.ToString()), new("__RequestVerificationToken", token) };
        fields.AddRange(picks.Select(p => new KeyValuePair<string, string>("picks", p.ToString())));
        return client.PostAsync("/lineup", new FormUrlEncodedContent(fields));
    }

    private static int[] RightPicks(QuizStep step) => [.. step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number)];

    private static int[] WrongPicks(QuizStep step) => [step.Choices.First(c => c.Mark.Kind == MarkKind.Wrong).Number];
}
