using Crm.Application.Common;

namespace Crm.Application.UnitTests;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("Kowalsky", new[] { "kowalsky" })]
    [InlineData("  São   Paulo ", new[] { "sao", "paulo" })]
    [InlineData("Twardowski-Kaźmierczak", new[] { "twardowski", "kazmierczak" })]
    [InlineData("O'Connor", new[] { "connor" })] // one-letter words cannot use the trigram index
    [InlineData("Handel Sp. z o.o.", new[] { "handel", "sp.", "o.o." })] // parts with '.' are matched as typed
    [InlineData("ana.silva@example.pt", new[] { "ana.silva@example.pt" })] // an e-mail is one word
    [InlineData("ERP-000451", new[] { "erp-000451" })] // so is an id
    [InlineData("smith, jones & sons", new[] { "smith", "jones", "sons" })]
    [InlineData("CEL·LERS pages", new[] { "cellers", "pages" })]
    [InlineData("acme acme ACME", new[] { "acme" })]
    [InlineData("Αθήνα Εμπορική", new[] { "αθηνα", "εμπορικη" })]
    [InlineData("+48 504 783", new[] { "+48", "504", "783" })]
    [InlineData("jo", new[] { "jo" })] // nothing longer: short words are searched as typed
    [InlineData("%_\\", new[] { "%_\\" })] // nothing but punctuation: the whole query
    public void QueriesSplitIntoFoldedWords(string q, string[] expected) =>
        SearchQuery.Words(q).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankQueriesHaveNoWords(string? q) =>
        SearchQuery.Words(q).ShouldBeEmpty();
}
