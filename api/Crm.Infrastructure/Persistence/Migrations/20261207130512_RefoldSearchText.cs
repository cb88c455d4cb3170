using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// SearchText.Fold now folds compatibility forms to their plain letters (NFKD: "ﬁ" is "fi", fullwidth "Ｃａｆé" is
    /// "cafe", "1º" is "1o"), drops format characters (soft hyphen, zero-width space and joiners, word joiner, BOM)
    /// and drops the period of "l.l" between letters outside e-mail and web addresses ("Cel.lers" is "cellers", as
    /// "Cel·lers" is). Search texts written before kept them. An old search text is already folded in every other way
    /// (lower case, no accents, NFC), so its new fold is what <see cref="RefoldFunction"/> does to it: NFKD, the marks
    /// and format characters dropped, the few capitals and special letters NFKD can yield mapped as the fold maps
    /// them (listed from .NET's own tables, as the fold sees them), spaces collapsed, the period of l.l dropped word by
    /// word, NFC. A test holds this function to SearchText.Fold for every code point with a compatibility form and
    /// every format character (but the 62 Cyrillic modifier letters of Unicode 15, U+1E030–U+1E06D, which PostgreSQL
    /// 15's Unicode 14 tables do not decompose: a text holding one stays as it was). Only the rows that can change are read through it: those whose search text is not
    /// NFKC-normalised or holds a format character or "l.l" (one scan of each table); only those it changes are
    /// written. The customers' update trigger moves their word postings; the words of the rewritten texts join
    /// search_words, and listed words that no search text can hold any more (a compatibility form or a format
    /// character) leave it.
    /// </summary>
    public partial class RefoldSearchText : Migration
    {
        /// <summary>BMP format characters (Cf), which the fold drops and the old fold kept.</summary>
        private const string Format = @"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb";

        /// <summary>The combining marks that the compatibility decomposition of a code point yields.</summary>
        private const string Marks = @"\u0300-\u0301\u0303-\u0308\u030a-\u030c\u0313-\u0314\u0327-\u0328\u0333\u0342\u0345\u064b-\u0655\u0670\u0e4d\u0ecd\u0f71\u0f80\u0fb2-\u0fb3\u3099-\u309a";

        /// <summary>The capitals that the compatibility decomposition of a code point yields, and their lower case.</summary>
        private const string Capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆĦƎƐȢΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩϜ";

        private const string Lower = "abcdefghijklmnopqrstuvwxyzæħǝɛȣαβγδεζηθικλμνξοπρστυφχψωϝ";

        /// <summary>
        /// The rows whose search text the new fold may change. Only a text with a character outside ASCII (more bytes
        /// than characters) can hold a compatibility form or a format character: the normalisation check costs 2.8 s
        /// a million texts, the length comparison a third of that.
        /// </summary>
        private const string Candidates = $@"strpos(search_text, 'l.l') > 0 OR (octet_length(search_text) <> char_length(search_text)
                    AND (NOT (search_text IS NFKC NORMALIZED) OR search_text ~ '[{Format}]'))";

        /// <summary><c>pg_temp.crm_refold(text)</c>: SearchText.Fold of a text the previous fold wrote.</summary>
        public const string RefoldFunction = $$"""
            CREATE FUNCTION pg_temp.crm_refold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT normalize(array_to_string(ARRAY(
                    SELECT CASE WHEN w ~ '[@:/]' THEN w ELSE regexp_replace(w, '(?<=[[:alpha:]]l)\.(?=l[[:alpha:]])', '', 'g') END
                    FROM unnest(string_to_array(folded.s, ' ')) WITH ORDINALITY AS x(w, n) ORDER BY n), ' '), NFC)
                FROM (SELECT btrim(regexp_replace(
                    replace(replace(replace(replace(translate(translate(
                        regexp_replace(normalize(t, NFKD), '[{{Marks}}{{Format}}]', '', 'g'),
                        '{{Capitals}}', '{{Lower}}'),
                        'łđøħıς·', 'ldohiσ'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th'),
                    ' {2,}', ' ', 'g'), ' ') AS s) AS folded
            $$;
            """;

        /// <summary>The migration's statements (a test runs them over search texts the previous fold wrote).</summary>
        public const string Refold = $$"""
            {{RefoldFunction}}

            WITH customers_changed AS (
                UPDATE customers AS c SET search_text = r.folded
                FROM (SELECT id, pg_temp.crm_refold(search_text) AS folded FROM customers WHERE {{Candidates}}) AS r
                WHERE c.id = r.id AND c.search_text <> r.folded
                RETURNING c.search_text
            ), contacts_changed AS (
                UPDATE contacts AS c SET search_text = r.folded
                FROM (SELECT id, pg_temp.crm_refold(search_text) AS folded FROM contacts WHERE {{Candidates}}) AS r
                WHERE c.id = r.id AND c.search_text <> r.folded
                RETURNING c.search_text
            )
            INSERT INTO search_words (word)
            SELECT DISTINCT w
            FROM (SELECT search_text FROM customers_changed UNION ALL SELECT search_text FROM contacts_changed) AS changed,
                 string_to_table(translate(changed.search_text, '-'',;()&"!?', '          '), ' ') AS w
            WHERE length(w) BETWEEN 3 AND 50 AND w !~ '[0-9@./:+_]'
            ORDER BY w
            ON CONFLICT DO NOTHING;

            DELETE FROM search_words WHERE NOT (word IS NFKC NORMALIZED) OR word ~ '[{{Format}}]';

            DROP FUNCTION pg_temp.crm_refold(text);
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Refold);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the previous fold's queries still find these rows by every word the change left alone,
            // and which letters were a ligature or held a soft hyphen is not known any more.
        }
    }
}
