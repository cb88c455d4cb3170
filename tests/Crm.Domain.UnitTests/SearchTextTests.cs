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
