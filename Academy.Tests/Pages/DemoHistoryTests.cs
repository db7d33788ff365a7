using Academy.Web.Data;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary><c>Academy:Demo:History</c>: someone trying the site with <c>dotnet run</c> finds the demo accounts with a
/// few weeks behind them, not empty pages, and a restart adds nothing.</summary>
[Collection(HostCollection.Name)]
public sealed class DemoHistoryTests
{
    private static readonly Dictionary<string, string> History = new() { ["Academy:Demo:History"] = "true" };

    [Fact]
    public async Task DemoAccounts_HaveALivingLineupIdeasAndIndicator_AndARestartAddsNothing()
    {
        // Monday 5 January 2026: the line-ups done were those of the four working days before.
        var first = new ClockFactory(settings: History) { KeepFolder = true };
        var folder = first.Folder;
        Counts before;
        try
        {
            var sam = await (await first.SignInAsync("newhire@academy.test")).GetDocumentAsync("/lineup");
            Assert.Equal("Question 1 of 3", sam.QuerySelector("#question-number")!.TextContent.Trim());
            Assert.Equal("4 days in a row", sam.QuerySelector("#streak")!.TextContent);
            var stories = sam.QuerySelectorAll("#stories .story").Select(s => s.TextContent).ToList();
            Assert.Equal(2, stories.Count);
            Assert.Contains("Léa Moreau, Front Desk", stories[0]);

            var lea = await (await first.SignInAsync("lea@academy.test")).GetDocumentAsync("/lineup");
            Assert.Equal("Question 1 sur 3", lea.QuerySelector("#question-number")!.TextContent.Trim());
            Assert.Equal("2 jours d’affilée", lea.QuerySelector("#streak")!.TextContent);
            Assert.Equal("Histoires de collègues", lea.QuerySelector("#stories-title")!.TextContent);

            var indicator = await (await first.SignInAsync("hr@academy.test")).GetDocumentAsync("/indicator");
            Assert.Contains("4 ideas put into practice in the last 12 months.", indicator.QuerySelector("#in-practice-total")!.TextContent);
            var months = Rows(indicator, "#per-month-table");
            Assert.Equal(4, months.Sum(m => int.Parse(m[1])));
            Assert.True(months.Count(m => m[1] != "0") >= 3, "The ideas went into practice over several months.");

            var passport = await (await first.SignInAsync("newhire@academy.test")).GetDocumentAsync("/passport");
            Assert.Contains("The late arrival", passport.Body!.TextContent);
            before = await CountsAsync(first);
        }
        finally
        {
            first.Dispose();
        }

        using var second = new ClockFactory(folder, History);
        Assert.Equal(before, await CountsAsync(second));
        var again = await (await second.SignInAsync("newhire@academy.test")).GetDocumentAsync("/lineup");
        Assert.Equal("Question 1 of 3", again.QuerySelector("#question-number")!.TextContent.Trim());
    }

    [Fact]
    public async Task DemoHistory_WithoutTheQuizzesItAnswers_LeavesTheSiteStarting()
    {
        var content = Directory.CreateTempSubdirectory("academy-content-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(AcademyFactory.RepositoryContent, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(content, Path.GetRelativePath(AcademyFactory.RepositoryContent, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            // A trainer removed the first module the history answers.
            Directory.Delete(Path.Combine(content, "modules", "guest-preferences"), recursive: true);
            using var site = new OtherContent(content);

            var sam = await site.SignInAsync("newhire@academy.test");
            Assert.Equal(System.Net.HttpStatusCode.OK, (await sam.GetAsync("/lineup")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await sam.GetAsync("/")).StatusCode);
        }
        finally
        {
            Directory.Delete(content, recursive: true);
        }
    }

    private sealed class OtherContent(string content) : AcademyFactory(content)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Academy:Demo:History", "true");
        }
    }

    private sealed record Counts(int Ideas, int Endorsements, int Comments, int ReviewItems, int Attempts, int Lineups, int InPractice);

    private static async Task<Counts> CountsAsync(AcademyFactory site)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return new Counts(await db.ServiceIdeas.CountAsync(), await db.IdeaEndorsements.CountAsync(), await db.IdeaComments.CountAsync(),
            await db.ReviewItems.CountAsync(), await db.QuizAttempts.CountAsync(), await db.LineupCompletions.CountAsync(),
            await db.IdeaMonthCounts.SumAsync(c => c.Ideas));
    }

    private static string[][] Rows(IParentNode page, string table) =>
        [.. page.QuerySelectorAll($"{table} tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())];
}
