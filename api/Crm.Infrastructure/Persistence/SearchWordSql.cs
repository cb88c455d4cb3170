namespace Crm.Infrastructure.Persistence;

/// <summary>
/// <see cref="Domain.Common.SearchText.Words"/> in SQL, for set-based writes (the import merge): the words of
/// the <c>search_text</c> column of a row source named <c>changed</c>, as column <c>w</c>.
/// </summary>
public static class SearchWordSql
{
    public const string From = """string_to_table(translate(changed.search_text, '-'',;()&"!?', '          '), ' ') AS w""";

    public const string Where = "length(w) BETWEEN 3 AND 50 AND w !~ '[0-9@./:+_]'";
}
