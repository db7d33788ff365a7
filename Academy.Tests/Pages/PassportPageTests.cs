using System.Net;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The standards passport and a standard's page of who is not yet current, with their permissions.</summary>
[Collection(HostCollection.Name)]
public sealed class PassportPageTests(AcademyFactory factory)
{
    [Fact]
    public async Task Passport_ShowsEachModulesStatus_TheLatestQuizResult_AndTheFrame()
    {
        var (_, learnerEmail, learnerId) = await TeamAsync();
        var client = await factory.SignInAsync(learnerEmail);

        var page = await client.GetDocumentAsync("/passport");

        var own = page.QuerySelector("#standard-own-the-problem")!;
        Assert.Equal("Not yet current", own.QuerySelector(".currency")!.TextContent.Trim());
        Assert.Contains("completed", own.QuerySelector("tr[data-module=complaint-recovery] td.status")!.ClassName);
        Assert.Contains("valid until", own.QuerySelector("tr[data-module=complaint-recovery] td.status")!.TextContent);
        Assert.Contains("expiring", own.QuerySelector("tr[data-module=escalation] td.status")!.ClassName);
        Assert.Contains("expired", own.QuerySelector("tr[data-module=listen-first] td.status")!.ClassName);
        Assert.Contains("85% · Passed", own.QuerySelector("tr[data-module=complaint-recovery]")!.TextContent);
        var initiative = page.QuerySelector("#standard-initiative-within-limits")!;
        Assert.Equal("Current", initiative.QuerySelector(".currency")!.TextContent.Trim());
        Assert.Contains("€75", initiative.QuerySelector(".frame")!.TextContent);
        Assert.Contains("notstarted", page.QuerySelector("#standard-warm-welcome tr[data-module=warm-welcome] td.status")!.ClassName);
        Assert.Null(page.QuerySelector("a[href^='/passport/standards/']"));
    }

    [Fact]
    public async Task Passport_IsInFrench_WithTheFrenchFrame()
    {
        var (_, learnerEmail, _) = await TeamAsync("fr");
        var client = await factory.SignInAsync(learnerEmail);
        await client.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/passport" }, "/passport");

        var page = await client.GetDocumentAsync("/passport");

        Assert.Equal("Mon passeport des standards", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("75\u00a0€ au plus", page.QuerySelector("#standard-initiative-within-limits .frame")!.TextContent);
        // The standards themselves, from content/standards.fr.md, marked as French rather than English.
        var title = page.QuerySelector("#title-initiative-within-limits")!;
        Assert.Equal(("L’initiative dans un cadre", "fr"), (title.TextContent, title.GetAttribute("lang")));
        Assert.Equal("Prendre le problème en main", page.QuerySelector("#title-own-the-problem")!.TextContent);
        Assert.Contains("sans rien demander à personne", page.QuerySelector("#standard-initiative-within-limits details div[lang=fr]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".standard [lang=en]"));
    }

    [Fact]
    public async Task AnotherLearnersPassport_IsForbidden_ButOpensForTheirManagerAndHr()
    {
        var (managerEmail, learnerEmail, learnerId) = await TeamAsync();
        var (_, otherEmail, _) = await TeamAsync();

        var other = await (await factory.SignInAsync(otherEmail)).GetAsync($"/passport/{learnerId}");
        var managerClient = await factory.SignInAsync(managerEmail);
        var team = await managerClient.GetDocumentAsync("/team");
        var manager = await managerClient.GetAsync(team.QuerySelector("#team-passports a")!.GetAttribute("href"));
        var hr = await (await factory.SignInAsync("hr@academy.test")).GetAsync($"/passport/{learnerId}");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal($"/passport/{learnerId}", team.QuerySelector("#team-passports a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
        Assert.Contains("Standards passport of Passport Learner", (await HttpClientForms.ParseAsync(manager)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, hr.StatusCode);
    }

    [Fact]
    public async Task StandardPage_ListsWhoIsNotYetCurrent_ForTheManagersTeamAndHr_AndIsForbiddenToALearner()
    {
        var (managerEmail, learnerEmail, learnerId) = await TeamAsync();
        var manager = await factory.SignInAsync(managerEmail);

        var own = await manager.GetDocumentAsync("/passport/standards/own-the-problem");
        var initiative = await manager.GetDocumentAsync("/passport/standards/initiative-within-limits");
        var hr = await (await factory.SignInAsync("hr@academy.test")).GetDocumentAsync("/passport/standards/own-the-problem");
        var learner = await (await factory.SignInAsync(learnerEmail)).GetAsync("/passport/standards/own-the-problem");

        var row = Assert.Single(own.QuerySelectorAll("#not-current tbody tr"));
        Assert.Equal($"/passport/{learnerId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Current on this standard: 0 of 1.", own.QuerySelector("#current-count")!.TextContent);
        Assert.Null(initiative.QuerySelector("#not-current"));
        Assert.Contains("Current on this standard: 1 of 1.", initiative.QuerySelector("#current-count")!.TextContent);
        Assert.Contains(hr.QuerySelectorAll("#not-current a"), a => a.GetAttribute("href") == $"/passport/{learnerId}");
        Assert.Equal(HttpStatusCode.Forbidden, learner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/passport/standards/no-such-standard")).StatusCode);
    }

    [Fact]
    public async Task StandardPage_ShowsAManagerOfManagers_TheirIndirectReports_AsTheHeatMapCountsThem()
    {
        var (managerEmail, _, learnerId) = await TeamAsync();
        var directorEmail = $"pd-{Guid.NewGuid():N}@academy.test";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var director = new Employee { UserName = directorEmail, Email = directorEmail, EmailConfirmed = true, FullName = "Passport Director", PreferredLanguage = "en" };
            await users.CreateAsync(director, AcademyFactory.Password);
            var manager = await users.FindByEmailAsync(managerEmail);
            manager!.ManagerId = director.Id;
            await users.UpdateAsync(manager);
        }

        var page = await (await factory.SignInAsync(directorEmail)).GetDocumentAsync("/passport/standards/own-the-problem");

        // The manager (a direct report, with no completion) and the learner (an indirect one).
        Assert.Contains(page.QuerySelectorAll("#not-current tbody tr a"), a => a.GetAttribute("href") == $"/passport/{learnerId}");
        Assert.Equal(2, page.QuerySelectorAll("#not-current tbody tr").Length);
        Assert.Contains("Current on this standard: 0 of 2.", page.QuerySelector("#current-count")!.TextContent);
    }

    [Fact]
    public async Task Passport_ShowsAModuleWhoseQuizFailed_InProgress_WithItsScore()
    {
        var (managerEmail, learnerEmail, learnerId) = await TeamAsync();
        await FailWarmWelcomeQuizAsync(learnerId);

        var page = await (await factory.SignInAsync(learnerEmail)).GetDocumentAsync("/passport");
        var standard = await (await factory.SignInAsync(managerEmail)).GetDocumentAsync("/passport/standards/warm-welcome");

        var row = page.QuerySelector("#standard-warm-welcome tr[data-module=warm-welcome]")!;
        Assert.Equal("In progress", row.QuerySelector("td.status")!.TextContent.Trim());
        Assert.Contains("inprogress", row.QuerySelector("td.status")!.ClassName);
        Assert.Matches(@"^.+: 55% · Not passed yet · ", row.QuerySelector(".quiz-result")!.TextContent);
        Assert.Equal("Not yet current", page.QuerySelector("#standard-warm-welcome .currency")!.TextContent.Trim());
        var learner = Assert.Single(standard.QuerySelectorAll("#not-current tbody tr"), r => r.QuerySelector($"a[href='/passport/{learnerId}']") is not null);
        Assert.Equal("In progress", learner.QuerySelector("td.status")!.TextContent.Trim());
    }

    [Fact]
    public async Task Passport_InFrench_PutsANarrowSpaceBeforeTheColonAndThePercent()
    {
        var (_, learnerEmail, learnerId) = await TeamAsync("fr");
        await FailWarmWelcomeQuizAsync(learnerId);
        var client = await factory.SignInAsync(learnerEmail);
        await client.PostFormAsync("/language", new() { ["culture"] = "fr", ["returnUrl"] = "/passport" }, "/passport");

        var page = await client.GetDocumentAsync("/passport");

        var row = page.QuerySelector("#standard-warm-welcome tr[data-module=warm-welcome]")!;
        Assert.Equal("En cours", row.QuerySelector("td.status")!.TextContent.Trim());
        Assert.Matches("^.+\u202f: 55\u202f% · Pas encore réussi · ", row.QuerySelector(".quiz-result")!.TextContent);
        Assert.Contains("85\u202f% · Réussi", page.QuerySelector("tr[data-module=complaint-recovery] .quiz-result")!.TextContent);
    }

    [Fact]
    public async Task StandardPage_TableHasTheSiteTableStyle()
    {
        var (managerEmail, _, _) = await TeamAsync();

        var page = await (await factory.SignInAsync(managerEmail)).GetDocumentAsync("/passport/standards/own-the-problem");

        Assert.Contains("data", page.QuerySelector("#not-current")!.ClassList);
    }

    /// <summary>A finished attempt at the warm-welcome quiz, failed at 55 %: the learner started the module.</summary>
    private async Task FailWarmWelcomeQuizAsync(string learnerId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var quiz = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Module("warm-welcome")!.Quizzes[0];
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        db.QuizAttempts.Add(new QuizAttempt
        {
            EmployeeId = learnerId, ModuleId = "warm-welcome", QuizId = quiz.Id, ContentVersionId = quiz.Default.VersionId,
            StartedAt = at, FinishedAt = at, Percent = 55m, Passed = false,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A manager and one report who completed complaint-recovery (valid a year), whose escalation expires in
    /// three days and whose listen-first expired five days ago, with an 85% pass on complaint-recovery's quiz.</summary>
    private async Task<(string ManagerEmail, string LearnerEmail, string LearnerId)> TeamAsync(string language = "en")
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
        var suffix = Guid.NewGuid().ToString("N");
        var manager = new Employee { UserName = $"pm-{suffix}@academy.test", Email = $"pm-{suffix}@academy.test", EmailConfirmed = true, FullName = "Passport Manager", PreferredLanguage = "en" };
        await users.CreateAsync(manager, AcademyFactory.Password);
        var learner = new Employee
        {
            UserName = $"pl-{suffix}@academy.test", Email = $"pl-{suffix}@academy.test", EmailConfirmed = true, FullName = "Passport Learner",
            PreferredLanguage = language, ManagerId = manager.Id, Department = "Front Desk",
        };
        await users.CreateAsync(learner, AcademyFactory.Password);
        var now = DateTimeOffset.UtcNow;
        foreach (var (module, completed, expires) in new[]
        {
            ("complaint-recovery", now.AddDays(-10), (DateTimeOffset?)now.AddDays(355)),
            ("escalation", now.AddDays(-362), now.AddDays(3)),
            ("listen-first", now.AddDays(-370), now.AddDays(-5)),
        })
            db.ModuleCompletions.Add(new ModuleCompletion
            {
                EmployeeId = learner.Id, ModuleId = module, Sequence = 1, ModuleVersion = content.Module(module)!.Version, Score = 90,
                CompletedAt = completed, ExpiresAt = expires,
            });
        var quiz = content.Module("complaint-recovery")!.Quizzes[0];
        db.QuizAttempts.Add(new QuizAttempt
        {
            EmployeeId = learner.Id, ModuleId = "complaint-recovery", QuizId = quiz.Id, ContentVersionId = quiz.Default.VersionId,
            StartedAt = now.AddDays(-10), FinishedAt = now.AddDays(-10), Percent = 85.5m, Passed = true,
        });
        await db.SaveChangesAsync();
        return (manager.Email, learner.Email, learner.Id);
    }
}
