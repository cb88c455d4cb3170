using CsCheck;
using Crm.Domain.Common;

namespace Crm.Domain.UnitTests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("São Paulo", "sao paulo")]
    [InlineData("Łódź", "lodz")]
    [InlineData("ZAKŁAD ŻÓŁĆ", "zaklad zolc")]
    [InlineData("Αθήνα", "αθηνα")]
    [InlineData("ΑΘΗΝΑ", "αθηνα")]
    [InlineData("Θεσσαλονίκη", "θεσσαλονικη")]
    [InlineData("Οδυσσεύς", "οδυσσευσ")] // final sigma folds to σ
    [InlineData("Cel·lers de l'Empordà", "cellers de l'emporda")]
    [InlineData("Coŀlegi Tres", "collegi tres")] // ŀ (U+0140) is l·, so coŀlegi is col·legi
    [InlineData("COĿLEGI", "collegi")] // Ŀ (U+013F)
    [InlineData("Colŀlegi Tres", "collegi tres")] // ŀ typed for the dot alone, after an l
    [InlineData("Łŀ ŀ", "l l")]
    [InlineData("Conceição", "conceicao")]
    [InlineData("  many   spaces\t", "many spaces")]
    [InlineData(null, "")]
    public void FoldsCaseAndDiacriticsInEveryScript(string? input, string expected) =>
        SearchText.Fold(input).ShouldBe(expected);

    [Theory]
    [InlineData("Cel.lers de l'Empordà", "cellers de l'emporda")] // a period typed for the middle dot of l·l
    [InlineData("COL.LEGI D'ADVOCATS", "collegi d'advocats")]
    [InlineData("Paral.lel i il.lusió", "parallel i illusio")]
    [InlineData("paul.lewis@example.com", "paul.lewis@example.com")] // e-mail and web addresses keep their periods
    [InlineData("https://www.mail.lu/cel.lers", "https://www.mail.lu/cel.lers")]
    [InlineData("l.l al. l.lum", "l.l al. l.lum")] // only between letters
    public void APeriodBetweenTwoLsFoldsAsTheCatalanMiddleDot(string input, string expected) =>
        SearchText.Fold(input).ShouldBe(expected);

    [Fact]
    public void APeriodBetweenTwoLsIsKeptWhenFoldedAsTyped() =>
        SearchText.FoldAsTyped("Cel.lers").ShouldBe("cel.lers");

    [Theory]
    [InlineData("Kowal\u00ADski", "kowalski")] // soft hyphen
    [InlineData("Kowal\u200Bski", "kowalski")] // zero-width space
    [InlineData("Θεσσα\u200Cλονίκη", "θεσσαλονικη")] // zero-width non-joiner
    [InlineData("Conce\u200Dição", "conceicao")] // zero-width joiner
    [InlineData("Łó\u2060dź", "lodz")] // word joiner
    [InlineData("\uFEFFSão Paulo", "sao paulo")] // BOM, as a spreadsheet's CSV starts
    [InlineData("Cel\u00AD·lers", "cellers")]
    [InlineData("a \u200B b", "a b")] // no word of its own
    [InlineData("Kowal\uFFFEski", "kowalski")] // a byte-order mark read backwards, which .NET will not normalise
    public void FormatCharactersAreIgnored(string input, string expected) =>
        SearchText.Fold(System.Text.RegularExpressions.Regex.Unescape(input)).ShouldBe(expected);

    [Theory]
    [InlineData("ﬁnanças", "financas")] // ligatures
    [InlineData("Raﬄes", "raffles")]
    [InlineData("ﬂorista", "florista")]
    [InlineData("Staﬀ", "staff")]
    [InlineData("Ｃａｆé Ｌｉｓｂｏａ", "cafe lisboa")] // fullwidth
    [InlineData("Ｚａｋłａｄ", "zaklad")]
    [InlineData("𝐀𝐭𝐡𝐞𝐧𝐬", "athens")] // mathematical bold
    [InlineData("ⓐⓒⓜⓔ", "acme")] // circled
    [InlineData("1º andar, Nª Senhora", "1o andar, na senhora")] // Portuguese ordinals
    [InlineData("Ǆuro", "dzuro")]
    [InlineData("ϲοφια", "σοφια")] // Greek lunate sigma is a (final) sigma
    [InlineData("ŁÓDŹ Ōsaka ÆRØ Œuvre Straße", "lodz osaka aero oeuvre strasse")] // what the fold did stays
    [InlineData("Coŀlegi Colŀlegi COĿLEGI", "collegi collegi collegi")]
    [InlineData("Οδυσσεύς", "οδυσσευσ")]
    public void CompatibilityFormsFoldToTheirPlainLetters(string input, string expected) =>
        SearchText.Fold(input).ShouldBe(expected);

    [Theory]
    [InlineData("Cafe\u0301 Sa\u0303o Paulo", "Café São Paulo")] // decomposed and composed: one search text
    [InlineData("\u0141o\u0301dz\u0301", "Łódź")]
    [InlineData("Αθη\u0301να", "Αθήνα")]
    public void DecomposedAndComposedTextFoldAlike(string decomposed, string composed) =>
        SearchText.Fold(System.Text.RegularExpressions.Regex.Unescape(decomposed)).ShouldBe(SearchText.Fold(composed));

    [Fact]
    public void FoldingIsIdempotent() =>
        Gen.String.Sample(s => SearchText.Fold(SearchText.Fold(s)) == SearchText.Fold(s));

    [Fact]
    public void FoldingIgnoresCase() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 30].Sample(s => SearchText.Fold(s.ToUpperInvariant()) == SearchText.Fold(s.ToLowerInvariant()));

    [Fact]
    public void BuildJoinsOnlyNonEmptyParts() =>
        SearchText.Build("Acme", null, " ", "ACME@x.pt").ShouldBe("acme acme@x.pt");

    [Fact]
    public void WordsAreTheNamesAndPlacesNotTheAddressesAndNumbers() =>
        SearchText.Words("twardowski-kazmierczak handel info.2@twardowski.com.pl +48504783295 erp-000001 l'hospitalet de llobregat")
            .ShouldBe(["twardowski", "kazmierczak", "handel", "erp", "hospitalet", "llobregat"]);
}
