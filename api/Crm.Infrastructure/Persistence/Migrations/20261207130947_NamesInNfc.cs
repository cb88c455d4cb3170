using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Names are stored in NFC now (customers' names, contacts' first and last names, departments' and users' names):
    /// a name sent decomposed ("Cafe" + U+0301) was stored as sent, so it sorted apart from the same name typed composed
    /// and a duplicate check did not see them as one. The names stored decomposed are normalised here; only they are
    /// written (one scan of each table; a name all ASCII, with as many bytes as characters, is NFC without the
    /// normalisation check, which costs three times as much). Search texts do not change: the fold decomposes first.
    /// The customers' update trigger rewrites the renamed customers' postings, whose key holds the name. A department
    /// whose NFC name another department already has (the two were told apart only by their code points) keeps its
    /// name: the names are unique, and which of the two is meant is for an Admin to say.
    /// </summary>
    public partial class NamesInNfc : Migration
    {
        /// <summary>The migration's statements (a test runs them over names stored decomposed).</summary>
        public const string Normalise = """
            UPDATE customers SET name = normalize(name, NFC) WHERE octet_length(name) <> char_length(name) AND NOT (name IS NFC NORMALIZED);
            UPDATE contacts SET first_name = normalize(first_name, NFC), last_name = normalize(last_name, NFC)
            WHERE (octet_length(first_name) <> char_length(first_name) AND NOT (first_name IS NFC NORMALIZED))
               OR (octet_length(last_name) <> char_length(last_name) AND NOT (last_name IS NFC NORMALIZED));
            UPDATE users SET name = normalize(name, NFC) WHERE NOT (name IS NFC NORMALIZED);
            UPDATE departments AS d SET name = normalize(d.name, NFC)
            WHERE NOT (d.name IS NFC NORMALIZED)
              AND NOT EXISTS (SELECT 1 FROM departments AS o WHERE o.id <> d.id AND normalize(o.name, NFC) = normalize(d.name, NFC));
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Normalise);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: NFC is the same text, and which names were sent decomposed is not known any more.
        }
    }
}
