using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Word postings for customer search: one row (word, name, id) per word of each customer's folded search
    /// text, keyed in that order, so the customers holding a word come out of the index already sorted by name
    /// and a page of a common word ("distribuidora", 18,000 customers at 1M) reads 51 index entries instead
    /// of every matching row. Statement triggers keep the postings in step with every write (the API, the
    /// import merge, SQL by hand), reading the changed rows from transition tables in one statement each.
    /// A posting word is any run of 3–50 letters, so the words of e-mails and web addresses are found too
    /// (search_words, the list a query word is corrected and expanded against, keeps names and places only:
    /// e-mail parts would multiply it, 5,000 → 380,000 words at 1M generated customers).
    /// The word list's trigram index becomes GIN: at 380,000 words a correction took 2–12 ms through GIN and
    /// 25–80 ms through the GiST index, and a LIKE under a millisecond against 1–17 ms.
    /// </summary>
    public partial class SearchPostings : Migration
    {
        // Every run of 3–50 letters of the folded search text.
        private const string Words = "string_to_table(regexp_replace(changed.search_text, '[^[:alpha:]]+', ' ', 'g'), ' ') AS w WHERE length(w) BETWEEN 3 AND 50";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP INDEX ix_search_words_trgm;
                CREATE INDEX ix_search_words_trgm ON search_words USING gin (word gin_trgm_ops);

                -- word in the "C" collation: only ever compared for equality, and byte comparison makes the index
                -- cheaper to build and maintain; name keeps the customers' collation, whose order the list follows.
                CREATE TABLE customer_search (word text COLLATE "C" NOT NULL, name character varying(200) NOT NULL, id uuid NOT NULL);
                INSERT INTO customer_search (word, name, id)
                SELECT DISTINCT w, changed.name, changed.id FROM customers AS changed, {Words}
                ORDER BY 1, 2, 3;
                ALTER TABLE customer_search ADD CONSTRAINT pk_customer_search PRIMARY KEY (word, name, id);

                CREATE FUNCTION crm_customer_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO customer_search (word, name, id)
                    SELECT DISTINCT w, changed.name, changed.id FROM inserted AS changed, {Words}
                    ORDER BY 1, 2, 3;
                    RETURN NULL;
                END $$;

                -- Old postings are found through the primary key from the old row's words: no second index to maintain.
                CREATE FUNCTION crm_customer_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_search AS p
                    USING (SELECT DISTINCT w, changed.name, changed.id
                           FROM (SELECT o.* FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                                 WHERE (n.name, n.search_text) IS DISTINCT FROM (o.name, o.search_text)) AS changed, {Words}) AS d
                    WHERE p.word = d.w AND p.name = d.name AND p.id = d.id;
                    INSERT INTO customer_search (word, name, id)
                    SELECT DISTINCT w, changed.name, changed.id
                    FROM (SELECT n.* FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                          WHERE (n.name, n.search_text) IS DISTINCT FROM (o.name, o.search_text)) AS changed, {Words}
                    ORDER BY 1, 2, 3;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION crm_customer_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_search AS p
                    USING (SELECT DISTINCT w, changed.name, changed.id FROM old_rows AS changed, {Words}) AS d
                    WHERE p.word = d.w AND p.name = d.name AND p.id = d.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER customer_search_insert AFTER INSERT ON customers
                    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION crm_customer_search_insert();
                CREATE TRIGGER customer_search_update AFTER UPDATE ON customers
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_customer_search_update();
                CREATE TRIGGER customer_search_delete AFTER DELETE ON customers
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_customer_search_delete();
                ANALYZE customer_search;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER customer_search_insert ON customers;
                DROP TRIGGER customer_search_update ON customers;
                DROP TRIGGER customer_search_delete ON customers;
                DROP FUNCTION crm_customer_search_insert();
                DROP FUNCTION crm_customer_search_update();
                DROP FUNCTION crm_customer_search_delete();
                DROP TABLE customer_search;
                DROP INDEX ix_search_words_trgm;
                CREATE INDEX ix_search_words_trgm ON search_words USING gist (word gist_trgm_ops);
                """);
        }
    }
}
