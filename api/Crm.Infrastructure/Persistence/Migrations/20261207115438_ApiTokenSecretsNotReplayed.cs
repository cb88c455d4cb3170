using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// POST /api-tokens no longer takes an Idempotency-Key: the replays it kept held the whole response, the token's
    /// working secret included, for 24 hours, where only the secret's SHA-256 may be stored. The ones kept go.
    /// </summary>
    public partial class ApiTokenSecretsNotReplayed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM idempotency_records WHERE lower(endpoint) LIKE 'post /api/v1/api-tokens%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: the deleted replays held secrets that must not be stored.
        }
    }
}
