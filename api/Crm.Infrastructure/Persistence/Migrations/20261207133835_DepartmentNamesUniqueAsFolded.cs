using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Department names are unique as SearchText.Fold reads them (no case, accents or repeated, leading or trailing
    /// spaces): "Finanças" and " financas " are one name. The folded name is kept in name_key, computed here in SQL the
    /// way SearchText.Fold does in code (NFD without combining marks, lower case, ł đ ø ħ ı æ œ ß þ ς · ŀ as Fold writes
    /// them, runs of white space as one space, trimmed). Departments that already share a folded name are all kept, with
    /// their users: the oldest keeps its name, each later one is renamed "Name (2)", "Name (3)"… (the first number no
    /// other department's folded name holds), so an Admin can see them and merge by hand. Down puts back the index on
    /// the exact name; the renames stay.
    /// </summary>
    public partial class DepartmentNamesUniqueAsFolded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_departments_name",
                table: "departments");

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "departments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The fold as it was before RefoldSearchText, then what that migration adds to it (compatibility forms,
            // format characters, the period of l.l), so a key here is what SearchText.Fold now writes.
            migrationBuilder.Sql($$"""
                {{RefoldSearchText.RefoldFunction}}

                CREATE FUNCTION pg_temp.crm_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $fold$
                    SELECT pg_temp.crm_refold(normalize(btrim(regexp_replace(
                        regexp_replace(regexp_replace(
                            replace(replace(replace(replace(
                                translate(
                                    lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g') COLLATE "und-x-icu"),
                                    'łđøħıς·', 'ldohiσ'),
                                'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th'),
                            'lŀ+', 'l', 'g'), 'ŀ+', 'l', 'g'),
                        '[\s\u00a0\u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+', ' ', 'g'), ' '), NFC))
                $fold$;

                UPDATE departments SET name_key = pg_temp.crm_fold(name);

                DO $dedupe$
                DECLARE
                    dup record;
                    n int;
                    suffix text;
                    candidate text;
                BEGIN
                    FOR dup IN
                        SELECT id, name, name_key
                        FROM (SELECT id, name, name_key, row_number() OVER (PARTITION BY name_key ORDER BY created_at, id) AS rank FROM departments) AS ranked
                        WHERE rank > 1
                        ORDER BY name_key, rank
                    LOOP
                        n := 2;
                        LOOP
                            suffix := ' (' || n || ')';
                            candidate := left(dup.name, 100 - length(suffix)) || suffix;
                            EXIT WHEN NOT EXISTS (SELECT 1 FROM departments WHERE name_key = pg_temp.crm_fold(candidate));
                            n := n + 1;
                        END LOOP;

                        UPDATE departments SET name = candidate, name_key = pg_temp.crm_fold(candidate), updated_at = now() WHERE id = dup.id;
                        RAISE NOTICE 'Department % renamed from "%" to "%": its name folds to another department''s', dup.id, dup.name, candidate;
                    END LOOP;
                END
                $dedupe$;

                DROP FUNCTION pg_temp.crm_fold(text);
                DROP FUNCTION pg_temp.crm_refold(text);
                """);

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000001"),
                column: "name_key",
                value: "hr");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000002"),
                column: "name_key",
                value: "finance");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000003"),
                column: "name_key",
                value: "facilities");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000004"),
                column: "name_key",
                value: "it");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000005"),
                column: "name_key",
                value: "supply chain");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000006"),
                column: "name_key",
                value: "sales");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000007"),
                column: "name_key",
                value: "support");

            migrationBuilder.UpdateData(
                table: "departments",
                keyColumn: "id",
                keyValue: new Guid("00000000-0000-7000-8000-000000000008"),
                column: "name_key",
                value: "marketing");

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_departments_name",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "departments");

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                unique: true);
        }
    }
}
