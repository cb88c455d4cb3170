using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    match_on = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    dry_run = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    columns = table.Column<string>(type: "jsonb", nullable: false),
                    defaults = table.Column<string>(type: "jsonb", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    processed = table.Column<long>(type: "bigint", nullable: false),
                    inserted = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    unchanged = table.Column<long>(type: "bigint", nullable: false),
                    duplicates = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_jobs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_created_by_id_id",
                table: "import_jobs",
                columns: new[] { "created_by_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_unfinished",
                table: "import_jobs",
                column: "created_at",
                filter: "status IN ('Queued', 'Running')");

            // UUIDv7 in SQL (PostgreSQL 15 has none): the import's set-based audit rows sort like the API's.
            migrationBuilder.Sql("""
                CREATE FUNCTION crm_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
                  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                    placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
                $$;
                """);

            // Staging for imports: UNLOGGED (no WAL for rows that live minutes). A database crash empties
            // them; the worker then sees fewer staged rows than the job counted and fails it cleanly.
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE import_customer_rows (
                    job_id uuid NOT NULL, line bigint NOT NULL, status text, error text, raw text[], target_id uuid,
                    id uuid, kind text, name text, email text, phone text, website text, type text, lifecycle_stage text, owner_id uuid,
                    tags text[], external_id text, address_line1 text, address_line2 text, address_city text, address_region text,
                    address_postal_code text, address_country text, custom_fields jsonb, search_text text);
                CREATE UNLOGGED TABLE import_contact_rows (
                    job_id uuid NOT NULL, line bigint NOT NULL, status text, error text, raw text[], target_id uuid,
                    id uuid, customer_id uuid, customer_external_id text, customer_email text, first_name text, last_name text,
                    email text, phone text, job_title text, email_consent boolean, external_id text, custom_fields jsonb, search_text text);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.Sql("DROP TABLE import_contact_rows; DROP TABLE import_customer_rows; DROP FUNCTION crm_uuid_v7();");
        }
    }
}
