using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Academy.Web.Data;

/// <summary>How Academy uses SQLite: every connection waits for another writer inside SQLite rather than failing,
/// and a unique-key conflict is told apart from every other write failure.</summary>
public static class SqliteConnections
{
    /// <summary>Microsoft.Data.Sqlite sets no busy timeout: a write that meets another one is retried after sleeping
    /// 150 ms, which made one learner's answer in six wait that long under load. SQLite's own busy handler retries
    /// within a millisecond or two. <c>synchronous=NORMAL</c> is safe with WAL (a commit survives a crash of the
    /// process, not of the machine, until the next checkpoint) and saves an fsync per commit.</summary>
    private const string Pragmas = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;";

    public static DbContextOptionsBuilder UseAcademySqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString)
            .AddInterceptors(PragmaInterceptor.Instance, TrainingCountsInterceptor.Instance, IdeaMonthCountsInterceptor.Instance)
            // A conflict the code expects (a double click) is caught and answered; anything else is rethrown and
            // logged where it is handled, so EF's own error entries would only repeat it.
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();

        // Pooled connections keep their native handle, but a pooled handle may be new: set the pragmas at every open.
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            UnicodeLower(connection);
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            UnicodeLower(connection);
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>SQLite's own lower() folds A-Z only, so a search for "élodie" missed "Élodie" here and found her on
        /// PostgreSQL. The same name, replaced on this connection, folds every letter as .NET (and PostgreSQL) do.</summary>
        private static void UnicodeLower(DbConnection connection) =>
            ((SqliteConnection)connection).CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
    }
}
