using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Common;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// <see cref="RawQuery"/> with a generic or custom plan, or serial, sets <c>plan_cache_mode</c> or
/// <c>max_parallel_workers_per_gather</c> for its own statement: these pin that the settings hold there, are gone for the
/// next statement on the same connection, and stay out of a transaction of ours, where they would last until the commit.
/// </summary>
public sealed class RawQueryTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Setting =
        "SELECT current_setting('plan_cache_mode') || CASE current_setting('max_parallel_workers_per_gather') WHEN '0' THEN ', serial' ELSE '' END";

    [Fact]
    public async Task PlanningSettingsHoldForTheirStatementOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await db.Database.OpenConnectionAsync(ct); // one connection for every statement

        (await ModeAsync(db, Planning.Generic, ct)).ShouldBe("force_generic_plan");
        (await ModeAsync(db, Planning.Default, ct)).ShouldBe("auto");
        (await ModeAsync(db, Planning.Custom | Planning.Serial, ct)).ShouldBe("force_custom_plan, serial");
        (await ModeAsync(db, Planning.Default, ct)).ShouldBe("auto");
        (await ModeAsync(db, Planning.Generic | Planning.Serial, ct)).ShouldBe("force_generic_plan, serial");
        (await ModeAsync(db, Planning.Custom, ct)).ShouldBe("force_custom_plan");
        (await ModeAsync(db, Planning.Serial, ct)).ShouldBe("auto, serial");
        (await ModeAsync(db, Planning.Default, ct)).ShouldBe("auto");
        await Should.ThrowAsync<ArgumentException>(() => ModeAsync(db, Planning.Generic | Planning.Custom, ct));
    }

    [Fact]
    public async Task InATransactionTheStatementKeepsTheSessionsPlanning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        (await ModeAsync(db, Planning.Generic, ct)).ShouldBe("auto");
        (await ModeAsync(db, Planning.Custom | Planning.Serial, ct)).ShouldBe("auto");
        (await ModeAsync(db, Planning.Default, ct)).ShouldBe("auto");
        await transaction.CommitAsync(ct);
    }

    [Fact]
    public async Task InAnAmbientTransactionTheStatementKeepsTheSessionsPlanning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        using (var ambient = new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
        {
            await db.Database.OpenConnectionAsync(ct); // enlists in the ambient transaction
            (await ModeAsync(db, Planning.Generic | Planning.Serial, ct)).ShouldBe("auto");
            (await ModeAsync(db, Planning.Default, ct)).ShouldBe("auto");
            ambient.Complete();
        }

        await db.Database.CloseConnectionAsync();
        (await ModeAsync(db, Planning.Default, ct)).ShouldBe("auto");
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => ModeAsync(db, (Planning)8, ct));
    }

    private static async Task<string> ModeAsync(CrmDbContext db, Planning planning, CancellationToken ct) =>
        (await RawQuery.ListAsync(db, Setting, [], r => r.GetString(0), planning, ct)).ShouldHaveSingleItem();
}
