using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Tests.Privacy;

/// <summary>
/// Searches every column of every table of a SQLite file, found through <c>sqlite_master</c> and
/// <c>pragma_table_info</c>, so that a table or column added later is searched without anyone adding it here.
/// Columns of any declared type are read as text (SQLite stores what it is given, and blobs may hold JSON).
/// </summary>
internal static class DatabaseTextScan
{
    /// <summary>"Table.Column (n rows)" for every column in which <paramref name="needle"/> occurs, case-insensitively (ASCII).</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string connectionString, string needle)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var hits = new List<string>();
        foreach (var (table, columns) in await SchemaAsync(connection))
        {
            foreach (var column in columns)
            {
                var count = await CountAsync(connection,
                    $"SELECT COUNT(*) FROM {Quote(table)} WHERE instr(lower(CAST({Quote(column)} AS TEXT)), lower($needle)) > 0",
                    ("$needle", needle));
                if (count > 0)
                {
                    hits.Add($"{table}.{column} ({count} rows)");
                }
            }
        }

        return hits;
    }

    /// <summary>Tables holding a row in which one column is exactly <paramref name="first"/> and another exactly <paramref name="last"/>.</summary>
    public static async Task<IReadOnlyList<string>> FindRowsHoldingBothAsync(string connectionString, string first, string last)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var hits = new List<string>();
        foreach (var (table, columns) in await SchemaAsync(connection))
        {
            string AnyColumnIs(string parameter) => "(" + string.Join(" OR ", columns.Select(c => $"CAST({Quote(c)} AS TEXT) = {parameter}")) + ")";
            var count = await CountAsync(connection,
                $"SELECT COUNT(*) FROM {Quote(table)} WHERE {AnyColumnIs("$first")} AND {AnyColumnIs("$last")}",
                ("$first", first), ("$last", last));
            if (count > 0)
            {
                hits.Add($"{table} ({count} rows)");
            }
        }

        return hits;
    }

    private static async Task<List<(string Table, List<string> Columns)>> SchemaAsync(SqliteConnection connection)
    {
        var tables = await ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var schema = new List<(string, List<string>)>();
        foreach (var table in tables)
        {
            schema.Add((table, await ReadStringsAsync(connection, "SELECT name FROM pragma_table_info($table)", ("$table", table))));
        }

        return schema;
    }

    private static async Task<List<string>> ReadStringsAsync(SqliteConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
