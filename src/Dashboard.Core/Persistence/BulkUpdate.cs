using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Persistence;

/// <summary>
/// Sets some columns of many rows by primary key with prepared, parameterised <c>UPDATE ... WHERE key = ...</c>
/// statements, the companion of <see cref="BulkInsert{T}"/>: SaveChanges tracks and diffs every entity, which costs
/// more than the update itself when an import moves tens of thousands of prices. One statement per command on SQLite
/// (in-process, re-executed prepared), several per command on a server (fewer round trips). It runs on the context's
/// connection inside its current transaction.
/// </summary>
internal sealed class BulkUpdate<T>
    where T : class
{
    private const int ServerRowsPerCommand = 100;

    private readonly DashboardDbContext _db;
    private readonly Column[] _columns;
    private readonly string _table;
    private readonly int _rowsPerCommand;
    private readonly ISqlGenerationHelper _sql;

    /// <param name="properties">The properties to set; the primary key (one column) picks the row.</param>
    public BulkUpdate(DashboardDbContext db, params string[] properties)
    {
        _db = db;
        _sql = db.GetService<ISqlGenerationHelper>();
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()?.Properties is [var single]
            ? single
            : throw new InvalidOperationException($"{typeof(T).Name} needs a single-column primary key.");
        _columns = [.. properties.Select(name => entityType.FindProperty(name)
                ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}.")).Append(key)
            .Select(p => new Column(p.GetColumnName(table) ?? p.Name, p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))];
        _table = _sql.DelimitIdentifier(tableName, entityType.GetSchema());
        _rowsPerCommand = db.Database.IsSqlite() ? 1 : Math.Min(ServerRowsPerCommand, 2_000 / _columns.Length);
    }

    public async Task UpdateAsync(IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var connection = _db.Database.GetDbConnection();
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        await _db.Database.OpenConnectionAsync(ct);
        try
        {
            DbCommand? full = null;
            try
            {
                for (var offset = 0; offset < rows.Count; offset += _rowsPerCommand)
                {
                    var count = Math.Min(_rowsPerCommand, rows.Count - offset);
                    if (count == _rowsPerCommand)
                    {
                        full ??= CreateCommand(connection, transaction, count);
                        await ExecuteAsync(full, rows, offset, count, ct);
                    }
                    else
                    {
                        await using var tail = CreateCommand(connection, transaction, count);
                        await ExecuteAsync(tail, rows, offset, count, ct);
                    }
                }
            }
            finally
            {
                if (full is not null)
                {
                    await full.DisposeAsync();
                }
            }
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    private string Placeholder(int index, int row) => _sql.GenerateParameterNamePlaceholder(Name(index, row));

    private string Name(int index, int row) => string.Create(CultureInfo.InvariantCulture, $"p{(row * _columns.Length) + index}");

    private DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, int rowCount)
    {
        var text = new StringBuilder();
        for (var r = 0; r < rowCount; r++)
        {
            text.Append("UPDATE ").Append(_table).Append(" SET ");
            for (var c = 0; c < _columns.Length - 1; c++)
            {
                text.Append(c == 0 ? string.Empty : ", ").Append(_sql.DelimitIdentifier(_columns[c].Name)).Append(" = ").Append(Placeholder(c, r));
            }

            text.Append(" WHERE ").Append(_sql.DelimitIdentifier(_columns[^1].Name)).Append(" = ").Append(Placeholder(_columns.Length - 1, r)).Append(';');
        }

        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from model metadata and parameter placeholders only; values are parameters.
        command.CommandText = text.ToString();
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    private async Task ExecuteAsync(DbCommand command, IReadOnlyList<T> rows, int offset, int count, CancellationToken ct)
    {
        command.Parameters.Clear();
        for (var r = 0; r < count; r++)
        {
            var row = rows[offset + r];
            for (var c = 0; c < _columns.Length; c++)
            {
                var column = _columns[c];
                command.Parameters.Add(column.Mapping.CreateParameter(
                    command, _sql.GenerateParameterName(Name(c, r)), column.Getter.GetClrValueUsingContainingEntity(row), column.Nullable));
            }
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
