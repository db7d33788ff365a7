using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Academy.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database Academy runs on, chosen by configuration: <c>Academy:Database:Provider</c> = <c>Sqlite</c>
/// (the default: a file, nothing to install) or <c>Postgres</c> (several web nodes on one database), and the
/// connection string <c>ConnectionStrings:Academy</c> (environment: <c>ConnectionStrings__Academy</c>).</summary>
public static class AcademyDatabase
{
    public const string ProviderKey = "Academy:Database:Provider";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey}: \"{value}\" is not a database provider Academy knows; use Sqlite or Postgres.");
    }

    /// <summary>The connection string for <paramref name="provider"/>: SQLite defaults to App_Data/academy.db beside the
    /// site; PostgreSQL has no sensible default, so its absence stops the start with a message saying what to set.</summary>
    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Academy");
        return provider switch
        {
            DatabaseProvider.Postgres => string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException($"{ProviderKey} is Postgres but ConnectionStrings:Academy is empty: set it (environment: ConnectionStrings__Academy), e.g. \"Host=db;Database=academy;Username=academy;Password=...\".")
                : configured,
            _ => SqliteConnectionString(configured ?? "Data Source=App_Data/academy.db", contentRoot),
        };
    }

    public static void AddAcademyDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        // Pooled: a context per request is the hottest allocation of a page, and AcademyDbContext keeps no state of its own.
        if (provider == DatabaseProvider.Postgres)
            services.AddDbContextPool<AcademyDbContext, PostgresAcademyDbContext>(o => o.UseAcademyPostgres(connectionString));
        else
            services.AddDbContextPool<AcademyDbContext>(o => o.UseAcademySqlite(connectionString));
    }

    public static DbContextOptionsBuilder UseAcademyPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString)
            .AddInterceptors(TrainingCountsInterceptor.Instance, IdeaMonthCountsInterceptor.Instance)
            // As on SQLite: an expected conflict is caught and answered, anything else is logged where it is handled.
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>True when a save failed only because a parallel request stored the same row first (a UNIQUE or PRIMARY
    /// KEY constraint, on either provider). Anything else (a full disk, a timeout) is a real failure.</summary>
    public static bool IsUniqueConflict(this DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Makes a relative SQLite file path relative to the content root and creates its folder.</summary>
    private static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}

/// <summary>What <c>dotnet ef migrations add --context PostgresAcademyDbContext</c> builds (tools/add-migration): a model
/// needs no server, so no connection string is asked for.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAcademyDbContext>
{
    public PostgresAcademyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAcademyDbContext>();
        options.UseAcademyPostgres("Host=localhost;Database=academy");
        return new(options.Options);
    }
}

/// <summary>What <c>dotnet ef migrations add --context AcademyDbContext</c> builds: SQLite's model. Without it the tools
/// would take the Postgres factory above for the base type too, and write SQLite's migration into Postgres's set.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AcademyDbContext>
{
    public AcademyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AcademyDbContext>();
        options.UseAcademySqlite("Data Source=App_Data/academy.db");
        return new(options.Options);
    }
}
