using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Academy.Web.Data;

/// <summary>Inserts many new rows of one entity type through one prepared INSERT, in the context's open transaction. A
/// 10,000-row employee import spent three quarters of its writing in SaveChanges, which builds, sorts and has SQLite
/// parse a new multi-row command for every batch (bench/README.md, employee import); this parses one statement once.
/// Columns, value converters and parameter types are the model's, through EF's own type mappings, so a row is stored as
/// SaveChanges would store it. A key the database generates is left to it and not read back.</summary>
public sealed class RowInserter<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Parameter)[] _columns;
    private bool _prepared;

    public RowInserter(DbContext db)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("RowInserter writes inside a transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select((p, i) => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping(), sql.GenerateParameterName("p" + i)))
            .ToArray();
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction.GetDbTransaction();
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter))})";
    }

    public async Task InsertAsync(T row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, name) = _columns[i];
            // EF's parameter for the value (converter applied, provider type set); the prepared command keeps the first
            // row's parameter objects, since Npgsql's prepared statement holds on to them, and takes the later values.
            var parameter = mapping.CreateParameter(_command, name, property.GetGetter().GetClrValueUsingContainingEntity(row), property.IsNullable);
            if (_prepared) _command.Parameters[i].Value = parameter.Value;
            else _command.Parameters.Add(parameter);
        }
        if (!_prepared)
        {
            await _command.PrepareAsync(cancellationToken);
            _prepared = true;
        }
        await _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
