#pragma warning disable EF1001 // Npgsql's batch is internal API; InsertBatchTests pin the behaviour this relies on.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Lets a SaveChanges that only inserts, and fits in one batch, run without an explicit transaction: one round
/// trip to the database instead of two (Npgsql sends BEGIN with the batch, but COMMIT took a round trip of its own).
/// <para>
/// EF Core sends a batch as one command of several statements, and Npgsql sends those with a single Sync, so
/// PostgreSQL runs them in one implicit transaction: if any statement fails, none is kept. What the explicit
/// transaction adds is a rollback when EF Core itself rejects the results after the statements ran: an UPDATE or
/// DELETE that matched no row (the concurrency check), or a procedure that reports how many rows it changed. A
/// plain INSERT that ran has inserted its row, so a batch of those (and of procedure calls that report nothing,
/// like the outbox's) needs no such rollback. This assumes no BEFORE trigger or rule silently drops an inserted
/// row; none does here (the customers and contacts triggers run AFTER). Every other batch, and any save EF Core
/// splits into more than one batch, keeps its transaction; a save inside a transaction the caller opened is
/// unchanged (EF Core only adds a savepoint).
/// </para>
/// </summary>
public sealed class InsertBatchFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options) : IModificationCommandBatchFactory
{
    /// <summary>The default of efcore.pg's own factory (NpgsqlModificationCommandBatchFactory), which this one replaces.</summary>
    private const int NpgsqlDefaultMaxBatchSize = 1000;

    private readonly int maxBatchSize = RelationalOptionsExtension.Extract(options).MaxBatchSize ?? NpgsqlDefaultMaxBatchSize;

    public ModificationCommandBatch Create() => new InsertBatch(dependencies, maxBatchSize);

    private sealed class InsertBatch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
        : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
    {
        public override bool RequiresTransaction => base.RequiresTransaction && !ModificationCommands.All(IsPlainInsert);

        private static bool IsPlainInsert(IReadOnlyModificationCommand command) =>
            command.EntityState == EntityState.Added
            && (command.StoreStoredProcedure is null || (command.RowsAffectedColumn is null && command.StoreStoredProcedure.ReturnValue is null));
    }
}
