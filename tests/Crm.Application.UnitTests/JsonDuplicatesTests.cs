using System.Text.Json;
using Crm.Application.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.UnitTests;

/// <summary>A member given twice in one JSON object is found, with its path; names differ when any character does.</summary>
public sealed class JsonDuplicatesTests
{
    [Theory]
    [InlineData("""{"name":"A","name":"B"}""", "name")]
    [InlineData("""{"name":"A","address":{"city":"x","line1":"y","city":"z"}}""", "address.city")]
    [InlineData("""{"items":[{"email":"a"},{"email":"b","email":"c"}]}""", "items[1].email")]
    [InlineData("""{"a":[[{"k":1}],[{"k":1,"k":2}]]}""", "a[1][0].k")]
    [InlineData("""[{"k":1},{"k":1,"k":2}]""", "$[1].k")]
    public void FindsTheFirstRepeatedMember(string json, string path)
    {
        using var document = JsonDocument.Parse(json);
        JsonDuplicates.Find(document.RootElement).ShouldBe(path);
    }

    [Theory]
    [InlineData("""{"name":"A","Name":"B","address":{"city":"x"},"tags":[{"k":1},{"k":1}]}""")]
    [InlineData("""[1,"a",null]""")]
    [InlineData("42")]
    public void FindsNothingWhereNoObjectRepeatsAMember(string json)
    {
        using var document = JsonDocument.Parse(json);
        JsonDuplicates.Find(document.RootElement).ShouldBeNull();
    }

    [Fact]
    public void TheSerializerRefusesARepeatedCustomFieldInsideAValue() =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<CustomerInput>("""{"name":"A","customFields":{"notes":{"x":1,"x":2}}}""", CrmJson.Options))
            .Path.ShouldBe("$.customFields.notes");
}
