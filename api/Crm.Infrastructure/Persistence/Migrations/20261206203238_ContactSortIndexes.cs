using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContactSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_contacts_active_first_name_id",
                table: "contacts",
                columns: new[] { "first_name", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_active_updated_at_id",
                table: "contacts",
                columns: new[] { "updated_at", "id" },
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_archived_at",
                table: "contacts",
                column: "archived_at",
                filter: "archived_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contacts_active_first_name_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_active_updated_at_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_archived_at",
                table: "contacts");
        }
    }
}
