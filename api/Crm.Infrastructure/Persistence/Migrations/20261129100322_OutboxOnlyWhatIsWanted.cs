using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Outbox events only for someone: EF Core inserts <c>webhook_events</c> rows through
    /// <c>crm_raise_webhook_event</c> (see <c>WebhookEventConfiguration</c>), which writes the row only when it is
    /// addressed to one subscription (a ping) or an active subscription wants its type ("*" or the type). Before,
    /// every create, update, archive and restore wrote one (about 1 KB and three index entries), the worker then
    /// rewrote it as dispatched, and it stayed 30 days, whether or not anyone had subscribed: a third of the cost
    /// of a create in PostgreSQL. The check runs inside the change's transaction, when the event is written, on
    /// every replica alike: a change written after a subscription is committed reaches it; a change being written
    /// while the subscription is saved may not (the worker used to match subscriptions at fan-out, after commit).
    /// </summary>
    public partial class OutboxOnlyWhatIsWanted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PL/pgSQL rather than SQL: its statements keep their plans for the session.
            migrationBuilder.Sql("""
                CREATE PROCEDURE crm_raise_webhook_event(
                    p_id uuid, p_type text, p_occurred_at timestamptz, p_body text, p_subscription_id uuid, p_dispatched_at timestamptz)
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF p_subscription_id IS NOT NULL
                       OR EXISTS (SELECT 1 FROM webhook_subscriptions AS s WHERE s.active AND (p_type = ANY (s.events) OR '*' = ANY (s.events))) THEN
                        INSERT INTO webhook_events (id, type, occurred_at, body, subscription_id, dispatched_at)
                        VALUES (p_id, p_type, p_occurred_at, p_body, p_subscription_id, p_dispatched_at);
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE crm_raise_webhook_event(uuid, text, timestamptz, text, uuid, timestamptz);");
        }
    }
}
