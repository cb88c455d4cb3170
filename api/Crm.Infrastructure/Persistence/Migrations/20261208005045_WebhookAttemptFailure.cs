using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WebhookAttemptFailure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "failure",
                table: "webhook_delivery_attempts",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            // Attempts logged before: their kind, from the texts the sender wrote. The system's own messages stay Other.
            migrationBuilder.Sql("""
                UPDATE webhook_delivery_attempts SET failure = CASE
                    WHEN error LIKE 'HTTP %' THEN 'Status'
                    WHEN error LIKE 'No answer within %' THEN 'Timeout'
                    WHEN error LIKE 'Refused: %' THEN 'Refused'
                    ELSE 'Other' END
                WHERE error IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failure",
                table: "webhook_delivery_attempts");
        }
    }
}
