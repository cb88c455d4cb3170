using Npgsql;

namespace Crm.Infrastructure.Webhooks;

/// <summary>
/// The webhook worker's own connection, apart from the request pool. A delivery round keeps its claim transaction
/// (<c>FOR UPDATE SKIP LOCKED</c>) open while it POSTs the batch, up to the webhook timeout (10 s by default) when a
/// subscriber is slow; from a request pool of two per core that would be a quarter of the connections on a 2-core
/// machine. The worker runs its statements one after another, so one connection is all it ever needs. Same database
/// and settings as the request pool.
/// </summary>
public sealed class WebhookDataSource(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}
