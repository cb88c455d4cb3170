using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Domain.CustomFields;

namespace Crm.Application.UnitTests;

public sealed class CustomFieldValueTests
{
    private static readonly CustomFieldDefinition Revenue = CustomFieldDefinition.Define(CustomFieldEntity.Customers, "revenue", "Revenue", null, CustomFieldType.Number, []);
    private static readonly CustomFieldDefinition Sector = CustomFieldDefinition.Define(CustomFieldEntity.Customers, "sector", "Sector", null, CustomFieldType.Choice, ["technology", "Saúde", "Ενέργεια"]);
    private static readonly CustomFieldDefinition Markets = CustomFieldDefinition.Define(CustomFieldEntity.Customers, "markets", "Markets", null, CustomFieldType.MultiChoice, ["PT", "ES", "PL", "GR"]);
    private static readonly CustomFieldDefinition Vip = CustomFieldDefinition.Define(CustomFieldEntity.Customers, "vip", "VIP", null, CustomFieldType.Boolean, []);
    private static readonly CustomFieldDefinition Founded = CustomFieldDefinition.Define(CustomFieldEntity.Customers, "founded", "Founded", null, CustomFieldType.Date, []);

    [Theory]
    [InlineData("1100.04", "1100.04")]
    [InlineData("1100,04", "1100.04")]
    [InlineData("1,100.040", "1100.04")]
    [InlineData("1 100,5", "1100.5")]
    [InlineData("2822", "2822")]
    [InlineData("-3.50", "-3.5")]
    public void NumbersFromTextAreCanonical(string text, string json)
    {
        CustomFieldSchema.TryParse(Revenue, text, out var node, out _).ShouldBeTrue();
        node!.ToJsonString().ShouldBe(json);
    }

    [Theory]
    [InlineData("TECHNOLOGY", "technology")]
    [InlineData("saude", "Saúde")]
    [InlineData("ΕΝΕΡΓΕΙΑ", "Ενέργεια")]
    public void ChoicesMatchIgnoringCaseAndAccents(string text, string option)
    {
        CustomFieldSchema.TryParse(Sector, text, out var node, out _).ShouldBeTrue();
        node!.GetValue<string>().ShouldBe(option);
    }

    [Fact]
    public void MultipleChoicesKeepDefinitionOrderAndRejectUnknownOptions()
    {
        CustomFieldSchema.TryParse(Markets, "gr; pt | PT", out var node, out _).ShouldBeTrue();
        node!.ToJsonString().ShouldBe("""["PT","GR"]""");
        CustomFieldSchema.TryParse(Markets, "PT;FR", out _, out var error).ShouldBeFalse();
        error.ShouldContain("PT, ES, PL, GR");
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Não", false)]
    [InlineData("tak", true)]
    [InlineData("ΌΧΙ", false)]
    [InlineData("1", true)]
    public void BooleansReadInEveryLanguage(string text, bool value)
    {
        CustomFieldSchema.TryParse(Vip, text, out var node, out _).ShouldBeTrue();
        node!.GetValue<bool>().ShouldBe(value);
    }

    [Theory]
    [InlineData("1996-05-01", true)]
    [InlineData(" 1996-05-01 ", true)]
    [InlineData("1996-05-01T10:00:00Z", false)]
    [InlineData("1996-05-01 00:00", true)]
    [InlineData("1996-05-01 00:00:00", true)]
    [InlineData("1996-05-01T00:00:00.000Z", true)]
    [InlineData("1996-05-01T00:00:00+02:00", true)]
    [InlineData("1996-05-01T00:00:01", false)]
    [InlineData("1996-04-30T22:00:00Z", false)]
    [InlineData("01/05/1996", false)]
    [InlineData("1996-02-30", false)]
    [InlineData("1996-02-30T10:00:00Z", false)]
    public void DatesAreIso(string text, bool ok) => CustomFieldSchema.TryParse(Founded, text, out _, out _).ShouldBe(ok);

    [Theory]
    [InlineData("1996-05-01T10:00:00Z", "Not a date but a date and time; a date field takes YYYY-MM-DD (1996-05-01).")]
    [InlineData("1996-05-01 23:59", "Not a date but a date and time; a date field takes YYYY-MM-DD (1996-05-01).")]
    [InlineData("1996-02-30T10:00:00Z", "Not a date; use YYYY-MM-DD.")]
    public void ADateAndTimeIsRefusedSayingSoNotCutToItsDay(string text, string error)
    {
        CustomFieldSchema.TryParse(Founded, text, out var node, out var message).ShouldBeFalse();
        node.ShouldBeNull();
        message.ShouldBe(error);
    }

    [Fact]
    public void EmptyTextIsNoValue()
    {
        CustomFieldSchema.TryParse(Revenue, "  ", out var node, out _).ShouldBeTrue();
        node.ShouldBeNull();
    }

    [Fact]
    public void CanonicalJsonSortsKeysDropsNullsAndReadsPostgresLayoutBack()
    {
        CustomFieldJson.Write([new("b", JsonValue.Create(1)), new("a", JsonValue.Create("x")), new("c", null)]).ShouldBe("""{"a":"x","b":1}""");
        CustomFieldJson.Canonicalize("""{"b": 1, "a": "Ελληνικά"}""").ShouldBe("""{"a":"Ελληνικά","b":1}""");
        CustomFieldJson.Canonicalize("{}").ShouldBe("{}");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    [InlineData("""{"only": null}""")]
    [InlineData("""{"b": 1, "a": "Ελληνικά", "c": null}""")]
    [InlineData("""{"vip": true, "off": false, "sector": "technology", "revenue": 12.50, "n": 1E+3, "big": 123456789012345678901234567890, "neg": -0.0, "regions": ["north", "south"], "since": "1996-05-01"}""")]
    [InlineData("""{"quote": "say \"hi\" \\ <b>&amp;</b> / 'x'", "ctrl": "a\u0001b\nc\td", "esc": "\u00e9\u0142", "sep": "a\u2028b", "emoji": "😀 \ud83d\ude00", "Łódź": "Żółć"}""")]
    [InlineData("""{"nested": {"y": 2, "x": [1, {"b": null, "a": "é"}], "z": {}}, "empty": [], "A": 1, "a": 2, "_": 3}""")]
    public void CanonicalTextIsWhatTheTreeOfNodesWrote(string stored) =>
        CustomFieldJson.Canonicalize(stored).ShouldBe(CanonicalThroughNodes(stored));

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"b": 1, "a": "Ελληνικά"}""")]
    [InlineData("""{"vip": true, "sector": "technology", "revenue": 12.50, "regions": ["north", "south"], "since": "1996-05-01"}""")]
    [InlineData("""{"z": null, "quote": "say \"hi\" \\ <b>&amp;</b>", "ctrl": "a\u0001b\nc", "Łódź": "Żółć", "nested": {"y": 2, "x": [1, {"b": null}]}}""")]
    [InlineData("""{"only": null}""")]
    public void ValuesAreReadFromStoredJsonAsFromItsCanonicalText(string stored)
    {
        var direct = CustomFieldJson.ToDictionary(stored);
        var canonical = CustomFieldJson.ToDictionary(CustomFieldJson.Canonicalize(stored));

        direct.Keys.ShouldBe(canonical.Keys);
        JsonSerializer.Serialize(direct, CrmJson.Options).ShouldBe(JsonSerializer.Serialize(canonical, CrmJson.Options));
    }

    [Theory]
    [InlineData("1100.04", "1100.04")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("1E+3", "1000")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("""["PT","GR"]""", "PT;GR")]
    [InlineData("\"1996-05-01\"", "1996-05-01")]
    [InlineData("\"Saúde\"", "Saúde")]
    public void ValuesBecomeTextAnImportReadsBack(string json, string text)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("pl-PL"); // a decimal comma must not leak into files
        try
        {
            using var document = JsonDocument.Parse(json);
            CustomFieldJson.ToText(document.RootElement).ShouldBe(text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    // The canonical text as CustomFieldJson wrote it before Canonicalize parsed once: a tree of nodes, sorted and written.
    private static string CanonicalThroughNodes(string stored) =>
        JsonNode.Parse(stored) is JsonObject o ? CustomFieldJson.Write(o.ToList()) : CustomFieldJson.Empty;
}
