using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Names sort as people read them (NameOrder): customers' names, contacts' first and last names and departments'
    /// names take the ICU collation crm_names, and so does the name of the search postings, whose key (word, name, id)
    /// gives search pages the list's order. Only the indexes over these columns are rebuilt; the rows are not
    /// rewritten (the type stays, so PostgreSQL keeps the table).
    /// </summary>
    public partial class NamesInCollationOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:crm_names", "und-u-kn-true,und-u-kn-true,icu,True")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "departments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                collation: "crm_names",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "crm_names",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.Sql("ALTER TABLE customer_search ALTER COLUMN name TYPE character varying(200) COLLATE crm_names;");

            migrationBuilder.AlterColumn<string>(
                name: "last_name",
                table: "contacts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "crm_names",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "first_name",
                table: "contacts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                collation: "crm_names",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "departments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldCollation: "crm_names");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "crm_names");

            migrationBuilder.Sql("ALTER TABLE customer_search ALTER COLUMN name TYPE character varying(200) COLLATE \"default\";");

            migrationBuilder.AlterColumn<string>(
                name: "last_name",
                table: "contacts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "crm_names");

            migrationBuilder.AlterColumn<string>(
                name: "first_name",
                table: "contacts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldCollation: "crm_names");

            // The collation goes last, once no column uses it.
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,")
                .OldAnnotation("Npgsql:CollationDefinition:crm_names", "und-u-kn-true,und-u-kn-true,icu,True")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");
        }
    }
}
