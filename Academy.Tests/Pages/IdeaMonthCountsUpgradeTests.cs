using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A database upgraded from before the monthly counts were kept: migration <c>IdeaMonthCounts</c> counts the
/// ideas already in practice, so HR's indicator shows them from the first request.</summary>
[Collection(HostCollection.Name)]
public sealed class IdeaMonthCountsUpgradeTests
{
    [Fact]
    public async Task AnUpgradedDatabase_CountsTheIdeasAlreadyInPractice_PerMonthDepartmentAndStandard()
    {
        var department = $"Upgrade {Guid.NewGuid():N}"[..20];
        var first = new ClockFactory { KeepFolder = true };
        var folder = first.Folder;
        try
        {
            using var scope = first.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            // Back to the schema before the counts, then ideas written as that version wrote them (raw: the site's
            // model now keeps counts in a table this schema does not have).
            await db.GetService<IMigrator>().MigrateAsync("EmployeeTrainingCounts");
            var author = await db.Users.Where(u => u.Email == "newhire@academy.test").Select(u => u.Id).SingleAsync();
            var posted = new DateTimeOffset(2025, 11, 20, 9, 0, 0, TimeSpan.Zero);
            (IdeaStatus Status, DateOnly? On, string? Standard)[] ideas =
            [
                (IdeaStatus.InPractice, new(2025, 12, 1), "warm-welcome"), (IdeaStatus.InPractice, new(2025, 12, 31), "warm-welcome"),
                (IdeaStatus.InPractice, new(2026, 1, 2), null), (IdeaStatus.InPractice, new(2024, 6, 1), "warm-welcome"),
                (IdeaStatus.Trying, null, "warm-welcome"), (IdeaStatus.NotNow, null, null),
            ];
            foreach (var (status, on, standard) in ideas)
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "ServiceIdeas" ("AuthorId", "Kind", "StandardId", "Department", "Text", "PostedAt", "Status", "InPracticeOn")
                    VALUES ({author}, 0, {standard}, {department}, 'Warm towels at the pool', {posted}, {(int)status}, {on})
                    """);
        }
        finally
        {
            first.Dispose();
        }

        // The start on the same database applies the migrations that follow; the clock says Monday 5 January 2026.
        using var second = new ClockFactory(folder);
        var csv = await (await (await second.SignInAsync("hr@academy.test")).GetAsync("/indicator?handler=Csv")).Content.ReadAsStringAsync();

        Assert.Equal([$"2025-12,{department},warm-welcome,The warm welcome,2", $"2026-01,{department},,,1"],
            csv.Split("\r\n").Where(l => l.Contains(department)).Order(StringComparer.Ordinal).ToArray());
        using var scope2 = second.Services.CreateScope();
        var kept = await scope2.ServiceProvider.GetRequiredService<AcademyDbContext>().IdeaMonthCounts.Where(c => c.Department == department)
            .OrderBy(c => c.Month).Select(c => new { c.Month, c.StandardId, c.Ideas }).ToListAsync();
        Assert.Equal([new { Month = new DateOnly(2024, 6, 1), StandardId = "warm-welcome", Ideas = 1 }, new { Month = new DateOnly(2025, 12, 1), StandardId = "warm-welcome", Ideas = 2 },
            new { Month = new DateOnly(2026, 1, 1), StandardId = "", Ideas = 1 }], kept);
    }
}
