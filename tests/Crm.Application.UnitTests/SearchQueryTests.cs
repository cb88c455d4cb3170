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
    [InlineData("+48 504 783", new[] { "+48504783" })] // a number in groups is one word (GroupedNumber)
    [InlineData("+48 504", new[] { "+48", "504" })] // too few digits for a number
    [InlineData("erp 1000318", new[] { "erp", "1000318" })]
    [InlineData("jo", new[] { "jo" })] // nothing longer: short words are searched as typed
    [InlineData("%_\\", new[] { "%_\\" })] // nothing but punctuation: the whole query
    public void QueriesSplitIntoFoldedWords(string q, string[] expected) =>
        SearchQuery.Words(q).ShouldBe(expected);

    [Theory]
    [InlineData("+48 22 123 45 67", "+48221234567")]
    [InlineData("+48 (22) 123-45-67", "+48221234567")]
    [InlineData("0048 22 123 45 67", "+48221234567")] // the international prefix
    [InlineData("(022) 123 45 67", "221234567")] // a national trunk 0: found inside "+48221234567"
    [InlineData("22 123 45 67", "221234567")]
    [InlineData("500 100 200.300/1", "5001002003001")]
    [InlineData("123 45 67", "1234567")]
    [InlineData("(+48) 22 123-45-67", "+48221234567")]
    [InlineData("( +48) 22 123 45 67", "+48221234567")]
    [InlineData("22-123-45-67", "221234567")] // groups without spaces
    [InlineData("123 456", null)] // six digits
    [InlineData("0048 123", null)] // five digits once "00" is a '+'
    [InlineData("0012 3456", null)]
    [InlineData("+48221234567", null)] // one part: a word as typed already
    [InlineData("+48 22 +123 45 67", null)] // a '+' inside
    [InlineData("++48 22 123 45 67", null)]
    [InlineData("tel 22 123 45 67", null)]
    [InlineData("22 123 45 67 ext", null)]
    public void ANumberWrittenInGroupsIsItsDigits(string folded, string? expected) =>
        SearchQuery.GroupedNumber(folded).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankQueriesHaveNoWords(string? q) =>
        SearchQuery.Words(q).ShouldBeEmpty();

    [Theory]
    [InlineData("ana.silva@example.pt", true)] // a whole e-mail address
    [InlineData("+306990943748", true)] // a phone number
    [InlineData("6990943", true)]
    [InlineData("erp-1000318438", true)] // an id
    [InlineData("@wp.pl", false)] // a mail domain: many hold it
    [InlineData("info@", false)]
    [InlineData("ana.silva@", false)]
    [InlineData("ana@example.", false)]
    [InlineData("a@wp.pl", false)] // the end of many addresses
    [InlineData("ana@.pl", false)]
    [InlineData("2024-01-15", true)] // eight digits in all
    [InlineData("gmail.com", false)]
    [InlineData("+48", false)]
    [InlineData("699094", false)] // six digits: a fragment
    [InlineData("kowalski", false)]
    public void PhoneNumbersIdsAndEMailAddressesArePinpoints(string word, bool expected) =>
        SearchQuery.IsPinpoint(word).ShouldBe(expected);
}
