using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Word postings written in bulk by the import merge. A million imported customers made about 7.7 million
    /// postings, and the insert trigger spent some 100 s of a 246 s import on them, on one core: splitting each
    /// search text, then sorting the postings (word, name, id) with the database collation, spilling to disk.
    /// <list type="bullet">
    /// <item>The words of a search text are one SQL function, <c>crm_search_posting_words</c> (inlined by the
    /// planner), used by the triggers and by the merge alike.</item>
    /// <item>The triggers sort the new postings byte-wise ("C"): the order only serves index locality (in a
    /// C.UTF-8 database it is the index order), and byte comparisons are several times cheaper.</item>
    /// <item>A writer that adds the postings itself says so with <c>SET LOCAL crm.search_postings = 'deferred'</c>
    /// for its INSERT; the insert trigger then does nothing. The merge builds the postings of the inserted rows
    /// in a parallel query (both cores) into a temporary table and inserts them in index order.</item>
    /// </list>
    /// </summary>
    public partial class SearchPostingsInBulk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- Every run of 3–50 letters of the folded search text. A single SELECT, so the planner inlines it.
                CREATE FUNCTION crm_search_posting_words(search_text text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT w FROM string_to_table(regexp_replace(search_text, '[^[:alpha:]]+', ' ', 'g'), ' ') AS w
                    WHERE length(w) BETWEEN 3 AND 50
                $$;

                CREATE OR REPLACE FUNCTION crm_customer_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('crm.search_postings', true) = 'deferred' THEN
                        RETURN NULL; -- the writer adds the postings of these rows itself (the import merge)
                    END IF;
                    INSERT INTO customer_search (word, name, id)
                    SELECT DISTINCT w COLLATE "C", changed.name COLLATE "C", changed.id
                    FROM inserted AS changed, crm_search_posting_words(changed.search_text) AS w
                    ORDER BY 1, 2, 3;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION crm_customer_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_search AS p
                    USING (SELECT DISTINCT w, changed.name, changed.id
                           FROM (SELECT o.* FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                                 WHERE (n.name, n.search_text) IS DISTINCT FROM (o.name, o.search_text)) AS changed,
                                crm_search_posting_words(changed.search_text) AS w) AS d
                    WHERE p.word = d.w AND p.name = d.name AND p.id = d.id;
                    INSERT INTO customer_search (word, name, id)
                    SELECT DISTINCT w COLLATE "C", changed.name COLLATE "C", changed.id
                    FROM (SELECT n.* FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                          WHERE (n.name, n.search_text) IS DISTINCT FROM (o.name, o.search_text)) AS changed,
                         crm_search_posting_words(changed.search_text) AS w
                    ORDER BY 1, 2, 3;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION crm_customer_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_search AS p
                    USING (SELECT DISTINCT w, changed.name, changed.id FROM old_rows AS changed, crm_search_posting_words(changed.search_text) AS w) AS d
                    WHERE p.word = d.w AND p.name = d.name AND p.id = d.id;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION crm_customer_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO customer_search (word, name, id)
                    SELECT DISTINCT w, changed.name, changed.id FROM inserted AS changed,
                        string_to_table(regexp_replace(changed.search_text, '[^[:alpha:]]+', ' ', 'g'), ' ') AS w WHERE length(w) BETWEEN 3 AND 50
                    ORDER BY 1, 2, 3;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION crm_customer_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_search AS p
                    USING (SELECT DISTINCT w, changed.name, changed.id
                           FROM (SELECT o.* FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                                 WHERE (n.name, n.search_text) IS DISTINCT FROM (o.name, o.search_text)) AS changed,
                                string_to_table(regexp_replace(changed.search_text, '[^[:alpha:]]+', ' ', 'g'), ' ') AS w WHERE length(w) BETWEEN 3 AND 50) AS d
                    WHERE p.word = d.w AND p.name = d.name AND p.id = d.id;
                    INSERT INTO customer_search (word, name, id)
                    SELECT DISTINCT w, changed.name, changed.id
                    FROM (SELECT n.* FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                          WHERE (n.name, n.search_text) IS DISTINCT FROM (o.name, o.search_text)) AS changed,
                         string_to_table(regexp_replace(changed.search_text, '[^[:alpha:]]+', ' ', 'g'), ' ') AS w WHERE length(w) BETWEEN 3 AND 50
                    ORDER BY 1, 2, 3;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION crm_customer_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_search AS p
                    USING (SELECT DISTINCT w, changed.name, changed.id FROM old_rows AS changed,
                               string_to_table(regexp_replace(changed.search_text, '[^[:alpha:]]+', ' ', 'g'), ' ') AS w WHERE length(w) BETWEEN 3 AND 50) AS d
                    WHERE p.word = d.w AND p.name = d.name AND p.id = d.id;
                    RETURN NULL;
                END $$;

                DROP FUNCTION crm_search_posting_words(text);
                """);
        }
    }
}
