using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
#pragma warning disable EF1001 // Npgsql's batch is internal API; InsertBatchTests pin the behaviour this relies on.
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Lets a SaveChanges that only inserts, and fits in one batch, run without an explicit transaction, saving the
/// COMMIT round trip (a create is two round trips instead of three, counting the HTTP request's own).
/// <para>
/// EF Core sends a batch as one command of several statements, and Npgsql sends those with a single Sync, so
/// PostgreSQL runs them in one implicit transaction: if any statement fails, none is kept. What the explicit
/// transaction adds is a rollback when EF Core itself rejects the results after the statements ran: an UPDATE or
/// DELETE that matched no row (the concurrency check). An INSERT that ran has inserted its row, so a batch of
/// INSERTs (and of the outbox procedure's CALL, also an insert) needs no such rollback. Every other batch, and any
/// save EF Core splits into more than one batch, keeps its transaction.
/// </para>
/// </summary>
public sealed class InsertBatchFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options) : IModificationCommandBatchFactory
{
    private const int NpgsqlDefaultMaxBatchSize = 1000;

    private readonly int maxBatchSize = RelationalOptionsExtension.Extract(options).MaxBatchSize ?? NpgsqlDefaultMaxBatchSize;

    public ModificationCommandBatch Create() => new InsertBatch(dependencies, maxBatchSize);

    private sealed class InsertBatch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
        : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
    {
        public override bool RequiresTransaction =>
            base.RequiresTransaction && ModificationCommands.Any(c => c.EntityState != EntityState.Added);
    }
}
