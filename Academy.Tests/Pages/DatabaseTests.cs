using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class DatabaseTests(AcademyFactory factory)
{
    [Fact]
    [Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
    public async Task EveryConnection_WaitsForOtherWriters_InWalMode()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();

        Assert.Equal("wal", await Pragma(db, "journal_mode"));
        Assert.Equal(5000L, await Pragma(db, "busy_timeout"));
        Assert.Equal(1L, await Pragma(db, "synchronous")); // NORMAL
    }

    [Fact]
    public async Task ASecondRowWithTheSameKey_IsAUniqueConflict_AndOtherFailuresAreNot()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var employee = await db.Users.FirstAsync();
        db.LessonViews.Add(new LessonView { EmployeeId = employee.Id, ModuleId = "db-test", LessonNumber = 1, FirstReadAt = DateTimeOffset.UtcNow, ReadAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        db.LessonViews.Add(new LessonView { EmployeeId = employee.Id, ModuleId = "db-test", LessonNumber = 1, FirstReadAt = DateTimeOffset.UtcNow, ReadAt = DateTimeOffset.UtcNow });
        var twice = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.LessonViews.Add(new LessonView { EmployeeId = "no-such-employee", ModuleId = "db-test", LessonNumber = 2, FirstReadAt = DateTimeOffset.UtcNow, ReadAt = DateTimeOffset.UtcNow });
        var orphan = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        Assert.True(twice.IsUniqueConflict());
        Assert.False(orphan.IsUniqueConflict());
        await db.LessonViews.Where(v => v.ModuleId == "db-test").ExecuteDeleteAsync();
    }

    private static async Task<object?> Pragma(AcademyDbContext db, string name)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
