using System.Collections.Concurrent;
using System.Net;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The <c>backup</c> and <c>restore</c> verbs on the SQLite database of a running site.</summary>
[Collection(HostCollection.Name)]
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _backups = Directory.CreateTempSubdirectory("academy-backups-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_backups, recursive: true);
    }

    [Fact]
    public async Task Backup_WhileLearnersAnswer_IsSound_AndHoldsEveryAnswerAcknowledgedBeforeItBegan()
    {
        using var site = new AcademyFactory();
        var learners = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewLearnerAsync(site)));
        var acknowledged = new ConcurrentQueue<(int Attempt, string Step)>();
        using var stop = new CancellationTokenSource();
        var load = learners.Select(l => Task.Run(() => AnswerUntilStoppedAsync(l, acknowledged, stop.Token))).ToArray();
        await WaitForAsync(() => acknowledged.Count >= 20);
        var before = acknowledged.ToArray();
        var copy = Path.Combine(_backups, "academy-copy.db");

        var code = await DatabaseCommands.BackupAsync(site.Services, ["--to", copy], _output, _error);

        var atBackupEnd = acknowledged.Count;
        await WaitForAsync(() => acknowledged.Count > atBackupEnd);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(code == 0, _error.ToString());
        Assert.False(File.Exists(copy + ".partial"));
        await using var backup = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        await backup.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(backup, "PRAGMA integrity_check;"));
        var stored = new HashSet<(int, string)>();
        await using (var command = backup.CreateCommand())
        {
            command.CommandText = "SELECT QuizAttemptId, StepId FROM QuizAnswers;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        Assert.All(before, answer => Assert.Contains(answer, stored));
    }

    [Fact]
    public async Task Restore_RefusesWhileTheSiteRuns_ThenBringsBackTheBackup_OnceItIsStopped()
    {
        var site = new AcademyFactory { KeepFolder = true };
        var copy = Path.Combine(_backups, "before.db");
        try
        {
            await NewLearnerAsync(site, "kept@academy.test");
            Assert.Equal(0, await DatabaseCommands.BackupAsync(site.Services, ["--to", copy], _output, _error));
            await NewLearnerAsync(site, "after-the-backup@academy.test");

            Assert.Equal(1, await DatabaseCommands.RestoreAsync(site.Services, ["--from", copy], _output, _error));
            Assert.Contains("is in use: stop every node", _error.ToString());

            // Stopped: the restore runs from an application that is built but not started, as the command line does.
            site.Dispose();
            await using (var command = BuildCommandLineApp(site.DatabasePath))
            {
                var code = await DatabaseCommands.RestoreAsync(command.Services, ["--from", copy], _output, _error);
                Assert.True(code == 0, _error.ToString());
            }
            using var restarted = new RestartedFactory(site.Folder);
            using var scope = restarted.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            Assert.NotNull(await users.FindByEmailAsync("kept@academy.test"));
            Assert.Null(await users.FindByEmailAsync("after-the-backup@academy.test"));
        }
        finally
        {
            site.Dispose();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(site.Folder, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task Restore_RefusesAFileThatIsNotASoundAcademyDatabase()
    {
        using var site = new AcademyFactory();
        var text = Path.Combine(_backups, "notes.db");
        await File.WriteAllTextAsync(text, "not a database at all, but long enough to have a header of its own");
        var other = Path.Combine(_backups, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await DatabaseCommands.RestoreAsync(site.Services, ["--from", text], _output, _error));
        Assert.Equal(1, await DatabaseCommands.RestoreAsync(site.Services, ["--from", other], _output, _error));
        Assert.Equal(1, await DatabaseCommands.RestoreAsync(site.Services, ["--from", Path.Combine(_backups, "missing.db")], _output, _error));
        Assert.Equal(2, await DatabaseCommands.RestoreAsync(site.Services, [], _output, _error));

        var errors = _error.ToString();
        Assert.Contains("it is not a SQLite database", errors);
        Assert.Contains("it is not an Academy database", errors);
        Assert.Contains("does not exist", errors);
        Assert.Equal(HttpStatusCode.OK, (await site.NewClient().GetAsync("/healthz/ready")).StatusCode);
    }

    [Fact]
    public async Task Backup_NeverOverwritesAnEarlierBackup()
    {
        using var site = new AcademyFactory();
        var copy = Path.Combine(_backups, "monday.db");
        await File.WriteAllTextAsync(copy, "an earlier backup");

        Assert.Equal(1, await DatabaseCommands.BackupAsync(site.Services, ["--to", copy], _output, _error));

        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(copy));
        Assert.Contains("exists already", _error.ToString());
    }

    private sealed class RestartedFactory(string folder) : AcademyFactory(null, folder);

    private static WebApplication BuildCommandLineApp(string databasePath)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = Path.Combine(AcademyFactory.RepositoryRoot, "Academy.Web"),
        });
        builder.Configuration["ConnectionStrings:Academy"] = $"Data Source={databasePath}";
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddAcademy();
        return builder.Build();
    }

    private static async Task<HttpClient> NewLearnerAsync(AcademyFactory site, string? email = null)
    {
        email ??= $"backup-{Guid.NewGuid():N}@academy.test";
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            await users.CreateAsync(new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Backup Learner" }, AcademyFactory.Password);
        }
        return await site.SignInAsync(email);
    }

    /// <summary>Plays the scenario again and again, picking the first choice shown, and records each answer the site
    /// acknowledged (its redirect to the feedback).</summary>
    private static async Task AnswerUntilStoppedAsync(HttpClient learner, ConcurrentQueue<(int, string)> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = await learner.PostFormAsync("/modules/warm-welcome/quizzes/late-arrival", []);
            var attempt = started.Headers.Location!.OriginalString;
            var id = int.Parse(attempt.Split('/')[^1].Split('?')[0]);
            while (!stop.IsCancellationRequested)
            {
                var page = await learner.GetDocumentAsync(attempt);
                if (page.QuerySelector("input[name=stepId]") is not { } step) break;
                var stepId = step.GetAttribute("value")!;
                var fields = new Dictionary<string, string>
                {
                    ["stepId"] = stepId,
                    ["picks"] = page.QuerySelector("input[name=picks]")!.GetAttribute("value")!,
                    ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                };
                var answered = await learner.PostAsync(attempt, new FormUrlEncodedContent(fields));
                if (answered.StatusCode == HttpStatusCode.Redirect && answered.Headers.Location!.OriginalString.Contains("?after="))
                    acknowledged.Enqueue((id, stepId));
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition(), "timed out");
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
