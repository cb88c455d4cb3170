using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// A save that only inserts runs as one batch without an explicit transaction (<see cref="InsertBatchFactory"/>):
/// these pin that PostgreSQL still keeps all of it or none, and that a save with an update keeps its transaction.
/// </summary>
public sealed class InsertBatchTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AnInsertOnlySaveNeedsNoTransactionAndKeepsNothingWhenOneOfItsInsertsFails()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        using var transactions = new ContextEvents(db, RelationalEventId.TransactionStarted);
        await Task.Delay(ContextEvents.Settle, TestContext.Current.CancellationToken); // a pooled context may have run a command a moment ago

        var first = Customer.Create(Details("Primeira Distribuidora Lda.", "geral@primeira.pt"));
        db.Customers.Add(first);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        transactions.Count.ShouldBe(0);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE entity_id = @p0", first.Id)).ShouldBe(1);

        // One batch: the two audit rows, then the two customers, which share a new e-mail: whichever is inserted
        // first succeeds, and the other fails on the unique index.
        db.ChangeTracker.Clear();
        var second = Customer.Create(Details("Segona Distribuïdora SL", "hola@segona.cat"));
        var clash = Customer.Create(Details("Τρίτη Διανομή ΑΕ", "hola@segona.cat"));
        db.Customers.AddRange(second, clash);
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        transactions.Count.ShouldBe(0);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers WHERE id = ANY (@p0)", new[] { second.Id, clash.Id })).ShouldBe(0);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE entity_id = ANY (@p0)", new[] { second.Id, clash.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task ASaveSplitIntoBatchesKeepsItsTransaction()
    {
        // One statement a batch: the first customer's INSERT runs and returns before the second's fails.
        var options = new DbContextOptionsBuilder<CrmDbContext>()
            .UseNpgsql(Factory.ConnectionString, npgsql => npgsql.MaxBatchSize(1))
            .UseSnakeCaseNamingConvention()
            .ReplaceService<IModificationCommandBatchFactory, InsertBatchFactory>()
            .Options;
        await using var db = new CrmDbContext(options);
        using var transactions = new ContextEvents(db, RelationalEventId.TransactionStarted);
        var first = Customer.Create(Details("Hurtownia Północ Sp. z o.o.", "biuro@polnoc.pl"));
        var clash = Customer.Create(Details("Hurtownia Południe Sp. z o.o.", "biuro@polnoc.pl"));
        db.Customers.AddRange(first, clash);

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        transactions.Count.ShouldBe(1);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers WHERE id = ANY (@p0)", new[] { first.Id, clash.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task ASaveWithAnUpdateKeepsItsTransactionSoAFailedConcurrencyCheckLeavesNoAuditRow()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var customer = Customer.Create(Details("Kowalski Hurtownia Sp. z o.o.", "biuro@kowalski.pl"));
        db.Customers.Add(customer);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();

        using var transactions = new ContextEvents(db, RelationalEventId.TransactionStarted);
        var loaded = await db.Customers.SingleAsync(c => c.Id == customer.Id, TestContext.Current.CancellationToken);
        loaded.Update(Details("Kowalski Hurtownia S.A.", "biuro@kowalski.pl"));
        db.Entry(loaded).Property(c => c.Version).OriginalValue = loaded.Version + 1; // another writer got there first
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        // The UPDATE matched no row and its audit row, written in the same batch, was rolled back with it.
        transactions.Count.ShouldBe(1);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE entity_id = @p0", customer.Id)).ShouldBe(1); // the create's
    }

    private static CustomerDetails Details(string name, string email) =>
        new(CustomerKind.Company, name, email, null, null, CustomerType.Prospect, null, null, [], null, null, "{}");
}
