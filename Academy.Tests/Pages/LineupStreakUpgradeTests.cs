using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A database upgraded from before streaks were counted right: migration <c>LineupStreakAndDoublePostKeys</c>
/// set every stored line-up's streak to 1, and the upgrade past it gives the learner back the streak they had.</summary>
[Collection(HostCollection.Name)]
public sealed class LineupStreakUpgradeTests
{
    [Fact]
    public async Task AnUpgradedDatabase_KeepsALearnersStreak_CountedOnWorkingDays()
    {
        var first = new ClockFactory { KeepFolder = true };
        var folder = first.Folder;
        try
        {
            using var scope = first.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            // Back to the schema that left every streak at 1, then the history such a database holds.
            await db.GetService<IMigrator>().MigrateAsync("LineupStreakAndDoublePostKeys");
            var learner = await db.Users.Where(u => u.Email == "newhire@academy.test").Select(u => u.Id).SingleAsync();
            // lineup.md works Monday to Friday: Tuesday 16 December is missed, then every working day up to Friday 2 January.
            DateOnly[] days = [new(2025, 12, 15), .. Enumerable.Range(0, 17).Select(i => new DateOnly(2025, 12, 17).AddDays(i)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))];
            db.LineupCompletions.AddRange(days.Select(day => new LineupCompletion
            {
                EmployeeId = learner, Day = day, StandardId = "warm-welcome", Streak = 1,
                CompletedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            }));
            await db.SaveChangesAsync();
        }
        finally
        {
            first.Dispose();
        }

        // The start on the same database applies the migrations that follow and counts the streaks.
        using var second = new ClockFactory(folder);
        var client = await second.SignInAsync("newhire@academy.test");
        // Monday 5 January, not done yet: Wednesday 17 December to Friday 2 January is 13 working days in a row.
        Assert.Equal("13 days in a row", (await client.GetDocumentAsync("/lineup")).QuerySelector("#streak")!.TextContent);
        await client.PostFormAsync("/lineup?handler=Done", [], "/lineup");
        Assert.Equal("14 days in a row", (await client.GetDocumentAsync("/lineup")).QuerySelector("#streak")!.TextContent);
    }
}
