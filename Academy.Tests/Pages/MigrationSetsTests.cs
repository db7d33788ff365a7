using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace Academy.Tests.Pages;

/// <summary>The two migration sets, SQLite's and PostgreSQL's, each generated from the one model: a change to the
/// model without a migration in both (tools/add-migration NAME) fails here. No server is needed to compare.</summary>
public sealed class MigrationSetsTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new AcademyDbContext(new DbContextOptionsBuilder<AcademyDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run tools/add-migration NAME.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run tools/add-migration NAME.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void EachProvider_FindsOnlyItsOwnMigrations()
    {
        using var sqlite = new AcademyDbContext(new DbContextOptionsBuilder<AcademyDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        var sqliteTypes = sqlite.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct();
        var postgresTypes = postgres.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct();

        Assert.Equal(["Academy.Web.Data.Migrations"], sqliteTypes);
        Assert.Equal(["Academy.Web.Data.Postgres.Migrations"], postgresTypes);
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    public void TheProvider_IsReadFromConfiguration(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, AcademyDatabase.Provider(Configuration((AcademyDatabase.ProviderKey, value))));

    [Fact]
    public void AnUnknownProvider_OrPostgresWithoutAConnectionString_StopsTheStartWithAMessage()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => AcademyDatabase.Provider(Configuration((AcademyDatabase.ProviderKey, "Oracle"))));
        var missing = Assert.Throws<InvalidOperationException>(() => AcademyDatabase.ConnectionString(Configuration(), DatabaseProvider.Postgres, "/tmp"));

        Assert.Contains("\"Oracle\" is not a database provider", unknown.Message);
        Assert.Contains("ConnectionStrings__Academy", missing.Message);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
