using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Common;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// <see cref="RawQuery"/> with a generic plan sets <c>plan_cache_mode</c> for its own statement: these pin that the
/// setting holds there, is gone for the next statement on the same connection, and stays out of a transaction of ours,
/// where it would last until the commit.
/// </summary>
public sealed class RawQueryTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Setting = "SELECT current_setting('plan_cache_mode')";

    [Fact]
    public async Task AGenericPlanHoldsForItsStatementOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await db.Database.OpenConnectionAsync(ct); // one connection for all three statements

        (await ModeAsync(db, genericPlan: true, ct)).ShouldBe("force_generic_plan");
        (await ModeAsync(db, genericPlan: false, ct)).ShouldBe("auto");
        (await ModeAsync(db, genericPlan: true, ct)).ShouldBe("force_generic_plan");
        (await ModeAsync(db, genericPlan: false, ct)).ShouldBe("auto");
    }

    [Fact]
    public async Task InATransactionTheStatementKeepsTheSessionsPlanning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        (await ModeAsync(db, genericPlan: true, ct)).ShouldBe("auto");
        (await ModeAsync(db, genericPlan: false, ct)).ShouldBe("auto");
        await transaction.CommitAsync(ct);
    }

    private static async Task<string> ModeAsync(CrmDbContext db, bool genericPlan, CancellationToken ct) =>
        (await RawQuery.ListAsync(db, Setting, [], r => r.GetString(0), genericPlan, ct)).ShouldHaveSingleItem();
}
