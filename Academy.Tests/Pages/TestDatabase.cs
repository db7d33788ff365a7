using Academy.Web.Data;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Academy.Tests.Pages;

/// <summary>Which database the test sites run on. By default SQLite, a file per site. With the environment variable
/// <c>ACADEMY_TEST_POSTGRES</c> set to a server's connection string (no database: <c>tools/postgres-cluster start</c>
/// prints one), PostgreSQL: a fresh database per site, copied from a template that is migrated once per test run.</summary>
public static class TestDatabase
{
    public const string Variable = "ACADEMY_TEST_POSTGRES";

    /// <summary>Marks a test about SQLite itself (pragmas, a file), left out of the Postgres run by
    /// <c>--filter "Database!=SqliteOnly"</c>.</summary>
    public const string Trait = "Database";
    public const string SqliteOnly = "SqliteOnly";

    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>The connection string of the database named after <paramref name="folder"/>, created from the template
    /// unless it exists (a second site on the same folder is a restart on the same data).</summary>
    public static string PostgresDatabase(string folder)
    {
        var name = NameOf(folder);
        using var connection = OpenServer();
        if (Scalar(connection, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'") == 0)
            Execute(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return Database(name);
    }

    public static void DropPostgresDatabase(string folder)
    {
        var name = NameOf(folder);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Database(name)));
        using var connection = OpenServer();
        Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Makes every insert into <paramref name="table"/> fail, as a full disk would, until
    /// <see cref="AllowInsertsAsync"/>: a trigger, in each provider's own dialect.</summary>
    public static Task FailInsertsAsync(AcademyDbContext db, string table) => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
        ? $$"""
            CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'disk full'; END $f$;
            CREATE TRIGGER "no_insert_{{table}}" BEFORE INSERT ON "{{table}}" FOR EACH ROW EXECUTE FUNCTION fail_insert();
            """
        : $"CREATE TRIGGER \"no_insert_{table}\" BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

    public static Task AllowInsertsAsync(AcademyDbContext db, string table) => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
        ? $"DROP TRIGGER \"no_insert_{table}\" ON \"{table}\";"
        : $"DROP TRIGGER \"no_insert_{table}\";");

    private static string NameOf(string folder) => "academy_" + Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)).ToLowerInvariant().Replace('-', '_');

    /// <summary>Both migration sets' schemas in one database, Academy's and Hangfire's, so that a site starts on a
    /// database with nothing left to migrate, as a node joining a running cluster does.</summary>
    private static string CreateTemplate()
    {
        var name = $"academy_template_{Environment.ProcessId}";
        using (var connection = OpenServer())
        {
            Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            Execute(connection, $"CREATE DATABASE \"{name}\"");
        }
        var options = new DbContextOptionsBuilder<PostgresAcademyDbContext>();
        options.UseAcademyPostgres(Database(name));
        using (var db = new PostgresAcademyDbContext(options.Options)) db.Database.Migrate();
        using (var connection = new NpgsqlConnection(Database(name)))
        {
            connection.Open();
            PostgreSqlObjectsInstaller.Install(connection, "hangfire");
        }
        // A template must have no open connection when a database is copied from it.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Database(name)));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                using var connection = OpenServer();
                Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException) { }
        };
        return name;
    }

    private static string Database(string name) => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ToString();

    private static NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // CI sets the variable, so an unreachable server is a failure that says why, never a silent skip.
            throw new InvalidOperationException($"{Variable} is set, but PostgreSQL at \"{PostgresServer}\" cannot be reached: {e.Message}. Start one with tools/postgres-cluster start, or unset {Variable} to test on SQLite.", e);
        }
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
