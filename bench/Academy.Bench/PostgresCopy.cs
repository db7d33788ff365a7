using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Academy.Bench;

/// <summary>Copies a generated SQLite benchmark database's employees, assignments and completions into a PostgreSQL
/// database that the site has already migrated, with Npgsql's binary <c>COPY</c> (the fastest load there is), so that both
/// providers are measured on the same rows.</summary>
public static class PostgresCopy
{
    private static readonly (string Table, string Where)[] Tables =
        [("AspNetUsers", "WHERE \"Id\" LIKE 'bench-%'"), ("Assignments", ""), ("ModuleCompletions", "")];

    /// <returns>The assignments in the PostgreSQL database (copied now, or by an earlier run).</returns>
    public static async Task<long> EnsureAsync(string sqliteFile, string postgres)
    {
        // No timeout: the end of a COPY of 5 million rows (its foreign-key checks and indexes) takes minutes on a busy machine.
        await using var target = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { CommandTimeout = 0 }.ConnectionString);
        await target.OpenAsync();
        using var source = new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly");
        source.Open();
        var fromBinary = new DateTimeOffsetToBinaryConverter();
        foreach (var (table, where) in Tables)
        {
            // A table already copied (by a run cut short later) is kept.
            if (await CountAsync(target, table, where) > 0) continue;
            // The target's columns, but its identity columns, which it numbers itself.
            var columns = new List<(string Name, string Type)>();
            await using (var list = new NpgsqlCommand(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @table AND is_identity = 'NO' ORDER BY ordinal_position", target))
            {
                list.Parameters.AddWithValue("table", table);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
            }
            var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
            using var read = source.CreateCommand();
            read.CommandText = $"SELECT {names} FROM \"{table}\" {where}";
            using var rows = read.ExecuteReader();
            await using var import = await target.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
            while (rows.Read())
            {
                await import.StartRowAsync();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (rows.IsDBNull(i))
                    {
                        await import.WriteNullAsync();
                        continue;
                    }
                    switch (columns[i].Type)
                    {
                        // SQLite holds them as EF's binary number (AcademyDbContext's converter); PostgreSQL wants UTC.
                        case "timestamp with time zone":
                            await import.WriteAsync(((DateTimeOffset)fromBinary.ConvertFromProvider(rows.GetInt64(i))!).ToUniversalTime(), NpgsqlDbType.TimestampTz);
                            break;
                        case "date":
                            await import.WriteAsync(DateOnly.Parse(rows.GetString(i), CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                            break;
                        case "boolean":
                            await import.WriteAsync(rows.GetInt64(i) != 0, NpgsqlDbType.Boolean);
                            break;
                        case "integer":
                            await import.WriteAsync(rows.GetInt32(i), NpgsqlDbType.Integer);
                            break;
                        case "bigint":
                            await import.WriteAsync(rows.GetInt64(i), NpgsqlDbType.Bigint);
                            break;
                        case "numeric":
                            await import.WriteAsync(rows.GetDecimal(i), NpgsqlDbType.Numeric);
                            break;
                        case "text" or "character varying":
                            await import.WriteAsync(rows.GetString(i), NpgsqlDbType.Text);
                            break;
                        default:
                            throw new InvalidOperationException($"{table}.{columns[i].Name}: no copy for PostgreSQL type {columns[i].Type}.");
                    }
                }
            }
            await import.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE", target)) await analyze.ExecuteNonQueryAsync();
        return await CountAsync(target, "Assignments", "");
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, string where)
    {
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" {where}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
