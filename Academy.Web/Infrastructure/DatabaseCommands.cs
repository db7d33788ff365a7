using Academy.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Infrastructure;

/// <summary><c>dotnet run --project Academy.Web -- backup --to FILE</c> and <c>restore --from FILE</c> for the SQLite
/// database. PostgreSQL has its own tools (pg_dump, pg_restore), which the README describes.</summary>
public static class DatabaseCommands
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    /// <summary>Copies the live database with SQLite's backup API while the site keeps serving: the copy is one read
    /// transaction's snapshot (in WAL mode, writers go on meanwhile), written to a <c>.partial</c> file, checked with
    /// <c>PRAGMA integrity_check</c>, then renamed, so that a file with the final name is always a whole, sound copy.</summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Option(args, "--to") is not { } to)
        {
            await error.WriteLineAsync("Usage: backup --to FILE   (a new file: an existing one is never overwritten)");
            return 2;
        }
        if (await LiveDatabaseAsync(services, error) is not { } live) return 2;
        if (!File.Exists(live.DataSource))
        {
            await error.WriteLineAsync($"There is no database at {live.DataSource} to back up: check ConnectionStrings:Academy.");
            return 1;
        }
        to = Path.GetFullPath(to);
        if (File.Exists(to))
        {
            await error.WriteLineAsync($"{to} exists already: name a new file, so that no earlier backup is lost.");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        var partial = to + ".partial";
        File.Delete(partial);
        try
        {
            await using (var source = await OpenAsync(live.ConnectionString))
            await using (var copy = await OpenAsync(PlainFile(partial)))
            {
                source.BackupDatabase(copy);
                // One self-contained file, whatever the live database's journal.
                await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE;");
                if (await IntegrityAsync(copy) is { } problem)
                {
                    await error.WriteLineAsync($"The copy fails its integrity check: {problem}");
                    return 1;
                }
            }
            File.Move(partial, to);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
        await output.WriteLineAsync($"Backed up {live.DataSource} to {to} ({new FileInfo(to).Length:N0} bytes, integrity ok).");
        return 0;
    }

    /// <summary>Replaces the live database with a backup. Requires every node of the site to be stopped: it refuses
    /// while any process has the database open (it must lock the file alone), and refuses a file that is not a sound
    /// Academy database or comes from a newer version of Academy than this one.</summary>
    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Option(args, "--from") is not { } from)
        {
            await error.WriteLineAsync("Usage: restore --from FILE   (stop every node of the site first)");
            return 2;
        }
        if (await LiveDatabaseAsync(services, error) is not { } live) return 2;
        from = Path.GetFullPath(from);
        if (!File.Exists(from))
        {
            await error.WriteLineAsync($"{from} does not exist.");
            return 1;
        }
        using var scope = services.CreateScope();
        var known = scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        try
        {
            await using var backup = await OpenAsync(new SqliteConnectionStringBuilder { DataSource = from, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            if (await CheckBackupAsync(backup, known) is { } refusal)
            {
                await error.WriteLineAsync($"{from} is not restored: {refusal}");
                return 1;
            }
            await using var target = await OpenAsync(PlainFile(live.DataSource));
            // Exclusive locking mode keeps the lock until this connection closes: no node can open the file meanwhile.
            await ExecuteAsync(target, "PRAGMA busy_timeout=0; PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
            backup.BackupDatabase(target);
            if (await IntegrityAsync(target) is { } problem)
            {
                await error.WriteLineAsync($"The restored database fails its integrity check: {problem}");
                return 1;
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            await error.WriteLineAsync($"{live.DataSource} is in use: stop every node of the site, then restore again.");
            return 1;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26) // SQLITE_NOTADB
        {
            await error.WriteLineAsync($"{from} is not restored: it is not a SQLite database.");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
        await output.WriteLineAsync($"Restored {live.DataSource} from {from}. Start the site: it applies any newer migration at start.");
        return 0;
    }

    /// <summary>Why <paramref name="backup"/> cannot be restored, or null when it is a sound Academy database whose
    /// migrations this build knows (it may lack newer ones: they are applied when the site starts).</summary>
    private static async Task<string?> CheckBackupAsync(SqliteConnection backup, HashSet<string> knownMigrations)
    {
        if (await IntegrityAsync(backup) is { } problem) return $"it fails its integrity check ({problem}).";
        await using var command = backup.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'AspNetUsers', 'ContentFiles');";
        if (Convert.ToInt32(await command.ExecuteScalarAsync()) != 3) return "it is not an Academy database.";
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory;";
        var unknown = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (!knownMigrations.Contains(reader.GetString(0))) unknown.Add(reader.GetString(0));
        return unknown.Count == 0 ? null : $"it was made by a newer version of Academy (migrations {string.Join(", ", unknown)}): restore it with that version.";
    }

    private sealed record LiveDatabase(string ConnectionString, string DataSource);

    private static async Task<LiveDatabase?> LiveDatabaseAsync(IServiceProvider services, TextWriter error)
    {
        using var scope = services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Database;
        if (!database.IsSqlite())
        {
            await error.WriteLineAsync("backup and restore copy a SQLite database; with PostgreSQL use pg_dump and pg_restore (see README, Run in production).");
            return null;
        }
        var connectionString = database.GetConnectionString()!;
        return new LiveDatabase(connectionString, new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    private static string PlainFile(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Null when <c>PRAGMA integrity_check</c> says ok, else what it found.</summary>
    private static async Task<string?> IntegrityAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await command.ExecuteScalarAsync();
        return result == "ok" ? null : result;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
