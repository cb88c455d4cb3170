using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// SearchText.Fold now folds the Catalan ŀ (U+0140, l with the middle dot; Ŀ U+013F is lower-cased to it first) to
    /// l, and to nothing right after an l (colŀlegi, where it was typed for the dot alone), as it already dropped the
    /// dot of l·l: "collegi" finds "Coŀlegi" and "Colŀlegi Tres". Search texts written before kept the ŀ. The fold
    /// works code point by code point and an old search text is already folded in every other way, so the new fold of
    /// it is the two replacements below: only rows holding a ŀ are rewritten (a scan, once; no other column changes).
    /// The customers' update trigger moves their word postings; the words of the rewritten texts join search_words
    /// (split as SearchText.Words), and words with ŀ leave it, since no search text can hold one any more.
    /// </summary>
    public partial class FoldCatalanLWithMiddleDot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                WITH customers_changed AS (
                    UPDATE customers SET search_text = regexp_replace(regexp_replace(search_text, 'lŀ+', 'l', 'g'), 'ŀ+', 'l', 'g')
                    WHERE strpos(search_text, 'ŀ') > 0
                    RETURNING search_text
                ), contacts_changed AS (
                    UPDATE contacts SET search_text = regexp_replace(regexp_replace(search_text, 'lŀ+', 'l', 'g'), 'ŀ+', 'l', 'g')
                    WHERE strpos(search_text, 'ŀ') > 0
                    RETURNING search_text
                )
                INSERT INTO search_words (word)
                SELECT DISTINCT w
                FROM (SELECT search_text FROM customers_changed UNION ALL SELECT search_text FROM contacts_changed) AS changed,
                     string_to_table(translate(changed.search_text, '-'',;()&"!?', '          '), ' ') AS w
                WHERE length(w) BETWEEN 3 AND 50 AND w !~ '[0-9@./:+_]'
                ORDER BY w
                ON CONFLICT DO NOTHING;

                DELETE FROM search_words WHERE strpos(word, 'ŀ') > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: which l of a folded text was a ŀ is not known any more, and the previous fold's queries
            // still find these rows by every other word.
        }
    }
}
