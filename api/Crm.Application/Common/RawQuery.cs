using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Crm.Application.Common;

/// <summary>
/// Runs a hand-written statement on the context's connection and reads its rows with a delegate, without EF
/// Core's query pipeline (<c>SqlQueryRaw</c> prepares a LINQ query around the SQL on every call). The connection is
/// opened and closed around the statement, as EF Core does, inside the context's transaction when it has one.
/// </summary>
public static class RawQuery
{
    public static async Task<List<T>> ListAsync<T>(ICrmDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var open = connection.State != ConnectionState.Open;
        if (open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = new NpgsqlCommand(sql, connection)
            {
                Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction,
                // The context's timeout when it sets one (SetCommandTimeout), else the connection string's, as EF Core does.
                CommandTimeout = db.Database.GetCommandTimeout() ?? connection.CommandTimeout,
            };
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            if (open)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
