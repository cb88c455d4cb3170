using Crm.Application.Webhooks;
using Crm.Domain.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Infrastructure.Webhooks;

/// <summary>
/// The webhook worker; every replica runs one. Each round, in two short transactions:
/// <list type="number">
/// <item>fan-out: claim undispatched outbox events (<c>FOR UPDATE SKIP LOCKED</c>), insert one delivery per
/// active subscription that wants the type, stamp the events dispatched;</item>
/// <item>delivery: claim due pending deliveries (<c>FOR UPDATE SKIP LOCKED</c>), POST them in parallel, log each
/// attempt and mark it succeeded, or schedule the next attempt by exponential backoff, or failed after 24 h.</item>
/// </list>
/// Rows one replica has claimed are skipped by the others, so each event is fanned out once and each delivery sent
/// once; a replica that dies mid-batch rolls back and the rows are claimed again (at-least-once, never lost).
/// A round starts after the poll interval, or sooner when a save on this replica raised an event some
/// subscription wants (see <see cref="WebhookDemand"/>, which the worker reads again every few seconds), sent a
/// ping, replayed a delivery or saved a subscription, and again at once after a fan-out created deliveries.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDataSource connections,
    WebhookSender sender,
    WebhookOptions options,
    Wakeup<WebhookDispatcher> wakeup,
    WebhookDemand demand,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    // A connection of its own, not the request pool's: a delivery round holds it while it sends (WebhookDataSource).
    private readonly NpgsqlDataSource dataSource = connections.DataSource;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                if (demand.IsStale)
                {
                    await ReadDemandAsync(stoppingToken);
                }

                more |= await FanOutAsync(stoppingToken) == options.BatchSize;
                more |= await DeliverAsync(stoppingToken) == options.BatchSize;
                if (clock.GetUtcNow() >= nextPrune)
                {
                    await PruneAsync(stoppingToken);
                    nextPrune = clock.GetUtcNow() + PruneEvery;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(ex, "Webhook dispatch round failed; retrying after the poll interval");
            }

            if (!more)
            {
                try
                {
                    await wakeup.WaitAsync(options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Reads which event types the active subscriptions want, for <see cref="WebhookDemand"/>.</summary>
    internal async Task ReadDemandAsync(CancellationToken ct)
    {
        var started = demand.BeginRead();
        var events = new List<string[]>();
        await using var read = dataSource.CreateCommand("SELECT events FROM webhook_subscriptions WHERE active");
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                events.Add(reader.GetFieldValue<string[]>(0));
            }
        }

        demand.Complete(started, events);
    }

    /// <summary>Turns outbox events into deliveries; returns how many events it claimed.</summary>
    internal async Task<int> FanOutAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var claimed = new List<(Guid Id, string Type, Guid? SubscriptionId)>();
        await using (var claim = new NpgsqlCommand(
            """
            SELECT id, type, subscription_id FROM webhook_events
            WHERE dispatched_at IS NULL
            ORDER BY id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """, conn, tx))
        {
            claim.Parameters.AddWithValue("batch", options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                claimed.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var subscriptions = new List<(Guid Id, string[] Events)>();
        await using (var load = new NpgsqlCommand("SELECT id, events FROM webhook_subscriptions WHERE active", conn, tx))
        await using (var reader = await load.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                subscriptions.Add((reader.GetGuid(0), reader.GetFieldValue<string[]>(1)));
            }
        }

        var now = clock.GetUtcNow();
        var ids = new List<Guid>();
        var eventIds = new List<Guid>();
        var types = new List<string>();
        var subscriptionIds = new List<Guid>();
        foreach (var e in claimed)
        {
            foreach (var s in subscriptions.Where(s => e.SubscriptionId is { } only ? s.Id == only : WebhookMatching.Wants(s.Events, e.Type)))
            {
                ids.Add(Guid.CreateVersion7(now));
                eventIds.Add(e.Id);
                types.Add(e.Type);
                subscriptionIds.Add(s.Id);
            }
        }

        await using var batch = new NpgsqlBatch(conn, tx);
        if (ids.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(
                $"""
                INSERT INTO webhook_deliveries (id, event_id, event_type, subscription_id, status, attempt_count, next_attempt_at, created_at, updated_at)
                SELECT d.id, d.event_id, d.event_type, d.subscription_id, '{nameof(WebhookDeliveryStatus.Pending)}', 0, @now, @now, @now
                FROM unnest(@ids, @event_ids, @types, @subscription_ids) AS d(id, event_id, event_type, subscription_id)
                """);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("ids", ids.ToArray());
            insert.Parameters.AddWithValue("event_ids", eventIds.ToArray());
            insert.Parameters.AddWithValue("types", types.ToArray());
            insert.Parameters.AddWithValue("subscription_ids", subscriptionIds.ToArray());
            batch.BatchCommands.Add(insert);
        }

        var dispatched = new NpgsqlBatchCommand("UPDATE webhook_events SET dispatched_at = @now WHERE id = ANY(@ids)");
        dispatched.Parameters.AddWithValue("now", now);
        dispatched.Parameters.AddWithValue("ids", claimed.Select(e => e.Id).ToArray());
        batch.BatchCommands.Add(dispatched);
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        if (ids.Count > 0)
        {
            wakeup.Notify();
        }

        return claimed.Count;
    }

    /// <summary>Sends due deliveries; returns how many it claimed.</summary>
    internal async Task<int> DeliverAsync(CancellationToken stoppingToken)
    {
        await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var tx = await conn.BeginTransactionAsync(stoppingToken);
        var due = new List<Due>();
        await using (var claim = new NpgsqlCommand(
            $"""
            SELECT d.id, d.event_id, d.event_type, d.attempt_count, d.created_at, e.body, s.url, s.secret, s.active
            FROM webhook_deliveries d
            JOIN webhook_events e ON e.id = d.event_id
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.status = '{nameof(WebhookDeliveryStatus.Pending)}' AND d.next_attempt_at <= @now
            ORDER BY d.next_attempt_at
            LIMIT @batch
            FOR UPDATE OF d SKIP LOCKED
            """, conn, tx))
        {
            claim.Parameters.AddWithValue("now", clock.GetUtcNow());
            claim.Parameters.AddWithValue("batch", options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(stoppingToken);
            while (await reader.ReadAsync(stoppingToken))
            {
                due.Add(new Due(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetBoolean(8)));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // Once claimed, the batch is finished even during shutdown (each request is bounded by the timeout), so a
        // stopping replica does not leave requests sent but unrecorded, to be sent again by another.
        var results = await Task.WhenAll(due.Select(async d =>
        {
            var attemptedAt = clock.GetUtcNow();
            var result = d.Active
                ? await sender.SendAsync(d.Url, d.EventId, d.EventType, d.Body, d.Secret, CancellationToken.None)
                : null;
            return (Due: d, AttemptedAt: attemptedAt, Result: result);
        }));

        var schedule = options.Schedule;
        var now = clock.GetUtcNow();
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var (d, attemptedAt, result) in results)
        {
            if (result is null)
            {
                batch.BatchCommands.Add(Update(d.Id, WebhookDeliveryStatus.Failed, d.AttemptCount, now, null, null, "The webhook is inactive.", now, now));
                continue;
            }

            var number = d.AttemptCount + 1;
            var attempt = new NpgsqlBatchCommand(
                """
                INSERT INTO webhook_delivery_attempts (id, delivery_id, number, attempted_at, status_code, duration_ms, error, failure, response_excerpt)
                VALUES (@id, @delivery_id, @number, @attempted_at, @status_code, @duration_ms, @error, @failure, @excerpt)
                """);
            attempt.Parameters.AddWithValue("id", Guid.CreateVersion7(attemptedAt));
            attempt.Parameters.AddWithValue("delivery_id", d.Id);
            attempt.Parameters.AddWithValue("number", number);
            attempt.Parameters.AddWithValue("attempted_at", attemptedAt);
            attempt.Parameters.AddWithValue("status_code", (object?)result.StatusCode ?? DBNull.Value);
            attempt.Parameters.AddWithValue("duration_ms", result.DurationMs);
            attempt.Parameters.AddWithValue("error", (object?)result.Error ?? DBNull.Value);
            attempt.Parameters.AddWithValue("failure", (object?)result.Failure?.ToString() ?? DBNull.Value);
            attempt.Parameters.AddWithValue("excerpt", (object?)result.ResponseExcerpt ?? DBNull.Value);
            batch.BatchCommands.Add(attempt);

            if (result.Succeeded)
            {
                batch.BatchCommands.Add(Update(d.Id, WebhookDeliveryStatus.Succeeded, number, now, result.StatusCode, attemptedAt, null, now, now));
            }
            else if (schedule.NextAttempt(d.CreatedAt, number, now) is { } next)
            {
                batch.BatchCommands.Add(Update(d.Id, WebhookDeliveryStatus.Pending, number, next, result.StatusCode, attemptedAt, result.Error, null, now));
            }
            else
            {
                batch.BatchCommands.Add(Update(d.Id, WebhookDeliveryStatus.Failed, number, now, result.StatusCode, attemptedAt, result.Error, now, now));
            }

            logger.LogInformation(
                "Webhook delivery {DeliveryId} of {EventType} {EventId}, attempt {Attempt}: {Outcome} in {DurationMs} ms",
                d.Id, d.EventType, d.EventId, number, result.Succeeded ? "succeeded" : result.Error, result.DurationMs);
        }

        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return due.Count;
    }

    /// <summary>Deletes succeeded deliveries after 30 days, and events nobody needs any more (failed ones stay, for replay).</summary>
    internal async Task PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.KeepSucceededFor;
        await using var batch = dataSource.CreateBatch();
        var deliveries = new NpgsqlBatchCommand($"DELETE FROM webhook_deliveries WHERE status = '{nameof(WebhookDeliveryStatus.Succeeded)}' AND completed_at < @cutoff");
        deliveries.Parameters.AddWithValue("cutoff", cutoff);
        var events = new NpgsqlBatchCommand(
            "DELETE FROM webhook_events e WHERE e.dispatched_at < @cutoff AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)");
        events.Parameters.AddWithValue("cutoff", cutoff);
        batch.BatchCommands.Add(deliveries);
        batch.BatchCommands.Add(events);
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Update(
        Guid id, WebhookDeliveryStatus status, int attempts, DateTimeOffset nextAttemptAt, int? statusCode, DateTimeOffset? lastAttemptAt, string? error,
        DateTimeOffset? completedAt, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            UPDATE webhook_deliveries
            SET status = @status, attempt_count = @attempts, next_attempt_at = @next, last_status_code = @code,
                last_attempt_at = COALESCE(@last_attempt_at, last_attempt_at), last_error = @error, completed_at = @completed_at, updated_at = @now
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status.ToString());
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("next", nextAttemptAt);
        command.Parameters.AddWithValue("code", NpgsqlTypes.NpgsqlDbType.Integer, (object?)statusCode ?? DBNull.Value);
        command.Parameters.AddWithValue("last_attempt_at", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)lastAttemptAt ?? DBNull.Value);
        command.Parameters.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("completed_at", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)completedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("now", now);
        return command;
    }

    private sealed record Due(Guid Id, Guid EventId, string EventType, int AttemptCount, DateTimeOffset CreatedAt, string Body, string Url, string Secret, bool Active);
}
