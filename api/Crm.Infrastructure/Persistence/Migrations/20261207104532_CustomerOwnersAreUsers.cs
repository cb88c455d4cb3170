using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// A customer's owner is a user (foreign key fk_customers_users_owner_id). The API never checked, so an owner id
    /// that is no user may be stored: each such customer gets an "updated" audit row with the id before and null after,
    /// then its owner is cleared, before the key is added. Nothing is lost: the audit log keeps every id cleared.
    /// </summary>
    public partial class CustomerOwnersAreUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO audit_entries (id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, changes, trace_id)
                SELECT crm_uuid_v7(), now(), NULL, 'Migration CustomerOwnersAreUsers: the owner was no user', 'updated', 'customer', c.id,
                       jsonb_build_object('ownerId', jsonb_build_object('before', c.owner_id::text, 'after', NULL)), NULL
                FROM customers c
                WHERE c.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.owner_id);
                UPDATE customers c SET owner_id = NULL, updated_at = now()
                WHERE c.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.owner_id);
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_customers_users_owner_id",
                table: "customers",
                column: "owner_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_customers_users_owner_id",
                table: "customers");
        }
    }
}
