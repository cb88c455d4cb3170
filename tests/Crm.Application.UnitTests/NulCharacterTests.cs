using System.Text.Json;
using Crm.Application.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.UnitTests;

/// <summary>U+0000 in a JSON body is refused while it is read, with the path of the field that holds it.</summary>
public sealed class NulCharacterTests
{
    [Theory]
    [InlineData("""{"name":"nul\u0000name"}""", "$.name")]
    [InlineData("""{"name":"A","tags":["vip","b\u0000"]}""", "$.tags[1]")]
    [InlineData("""{"name":"A","address":{"city":"\u0000"}}""", "$.address.city")]
    [InlineData("""{"name":"A","externalId":"x\u0000"}""", "$.externalId")]
    [InlineData("""{"name":"A","customFields":{"notes":"a\u0000b"}}""", "$.customFields.notes")]
    [InlineData("""{"name":"A","customFields":{"areas":["north","\u0000"]}}""", "$.customFields.areas")]
    public void AReflectedTypeNamesTheField(string json, string path) =>
        Should.Throw<NulCharacterException>(() => JsonSerializer.Deserialize<CustomerInput>(json, CrmJson.Options)).Path.ShouldBe(path);

    [Theory]
    [InlineData("""{"customerId":"0193a1b2-0000-7000-8000-000000000001","firstName":"Ana\u0000"}""", "$.firstName")]
    [InlineData("""{"customerId":"0193a1b2-0000-7000-8000-000000000001","firstName":"Ana","customFields":{"notes":"\u0000"}}""", "$.customFields.notes")]
    public void ASourceGeneratedTypeNamesTheField(string json, string path)
    {
        CrmJson.Options.GetTypeInfo(typeof(ContactInput)).OriginatingResolver.ShouldBeSameAs(CrmJsonContext.Default);
        Should.Throw<NulCharacterException>(() => JsonSerializer.Deserialize<ContactInput>(json, CrmJson.Options)).Path.ShouldBe(path);
    }

    [Fact]
    public void ADictionaryKeyIsRefused() =>
        Should.Throw<NulCharacterException>(() => JsonSerializer.Deserialize<CustomerInput>("""{"name":"A","customFields":{"no\u0000tes":"x"}}""", CrmJson.Options));

    [Fact]
    public void AWholeBodyReadAsAnElementNamesThePathInsideIt() =>
        Should.Throw<NulCharacterException>(() => JsonSerializer.Deserialize<JsonElement>("""{"a":{"b":[1,"\u0000"]}}""", CrmJson.Options)).Path.ShouldBe("$.a.b[1]");

    [Theory]
    [InlineData("""{"name":"\\u0000 is how JSON escapes it"}""", "\\u0000 is how JSON escapes it")]
    [InlineData("""{"name":"Caf\u00e9 \"Ł\""}""", "Café \"Ł\"")]
    public void OtherEscapesAndAnEscapedBackslashAreRead(string json, string name) =>
        JsonSerializer.Deserialize<CustomerInput>(json, CrmJson.Options)!.Name.ShouldBe(name);

    [Fact]
    public void ACustomFieldValueWithAnEscapedBackslashIsRead()
    {
        var input = JsonSerializer.Deserialize<CustomerInput>("""{"name":"A","customFields":{"notes":"C:\\u0000"}}""", CrmJson.Options)!;
        input.CustomFields!["notes"].GetString().ShouldBe("C:\\u0000");
    }

    [Fact]
    public void AMergePatchNamesTheField()
    {
        var patch = JsonDocument.Parse("""{"address":{"city":"Porto\u0000"}}""").RootElement;
        var error = Should.Throw<BadRequestException>(() => MergePatch.Apply(new CustomerInput { Name = "A" }, patch));
        error.Errors.Keys.ShouldBe(["address.city"]);
        error.Errors["address.city"].ShouldBe([NulCharacters.Message]);
    }

    [Fact]
    public void DictionaryKeysAreStillWrittenWithTheKeyPolicy() =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["ExternalId"] = "x" }, CrmJson.Options).ShouldBe("""{"externalId":"x"}""");

    [Fact]
    public void WrongTypesAreStillAJsonErrorNamingTheField() =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<CustomerInput>("""{"name":42}""", CrmJson.Options)).Path.ShouldBe("$.name");
}
