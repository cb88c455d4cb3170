using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.UnitTests;

public sealed class CrmJsonContextTests
{
    [Theory]
    [InlineData(typeof(CustomerResponse))]
    [InlineData(typeof(Page<CustomerResponse>))]
    [InlineData(typeof(ContactResponse))]
    [InlineData(typeof(Page<ContactResponse>))]
    [InlineData(typeof(ContactInput))]
    public void HotTypesUseTheGeneratedMetadata(Type type) =>
        CrmJson.Options.GetTypeInfo(type).OriginatingResolver.ShouldBeSameAs(CrmJsonContext.Default);

    [Theory]
    [InlineData(typeof(CustomerInput))]
    [InlineData(typeof(CustomerBatchRequest))]
    [InlineData(typeof(Unlisted))]
    public void OtherTypesFallBackToReflection(Type type) =>
        CrmJson.Options.GetTypeInfo(type).OriginatingResolver.ShouldBeOfType<DefaultJsonTypeInfoResolver>();

    [Fact]
    public void ACustomerIsWrittenExactlyAsReflectionWritesIt()
    {
        var page = new Page<CustomerResponse> { Items = [Customer], NextCursor = "abc" };

        var json = JsonSerializer.Serialize(page, CrmJson.Options);

        json.ShouldBe(JsonSerializer.Serialize(page, ReflectionOnly()));
        json.ShouldContain("\"kind\":\"person\"");
        json.ShouldContain("\"type\":\"prospect\"");
        json.ShouldContain("\"lifecycleStage\":\"opportunity\"");
        json.ShouldContain("\"name\":\"Zakład <Łódzki> & Co\"");
        json.ShouldNotContain("\"total\"");
    }

    [Fact]
    public void AContactIsReadExactlyAsReflectionReadsIt()
    {
        const string body = """{"customerId":"0193a1b2-0000-7000-8000-000000000001","firstName":"Γιώργος","emailConsent":true,"customFields":{"sector":"it","size":3}}""";

        foreach (var json in new[] { body, "{}" })
        {
            var generated = JsonSerializer.Deserialize<ContactInput>(json, CrmJson.Options);
            var reflected = JsonSerializer.Deserialize<ContactInput>(json, ReflectionOnly());
            JsonSerializer.Serialize(generated, ReflectionOnly()).ShouldBe(JsonSerializer.Serialize(reflected, ReflectionOnly()));
        }
    }

    [Fact]
    public void UnknownContactFieldsAreStillRejectedByName() =>
        Should.Throw<BadRequestException>(() => MergePatch.Apply(new ContactInput { FirstName = "Ana" }, JsonDocument.Parse("""{"nickname":"x"}""").RootElement))
            .Errors.Keys.ShouldBe(["nickname"]);

    [Fact]
    public void ACustomerPostedWithoutATypeIsStillALead() =>
        JsonSerializer.Deserialize<CustomerInput>("""{"name":"Acme"}""", CrmJson.Options)!.Type.ShouldBe(CustomerType.Lead);

    private static CustomerResponse Customer => new()
    {
        Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000001"),
        Kind = CustomerKind.Person,
        Name = "Zakład <Łódzki> & Co",
        Type = CustomerType.Prospect,
        LifecycleStage = LifecycleStage.Opportunity,
        Tags = ["b2b"],
        Address = new AddressDto { City = "Łódź", Country = "PL" },
        CustomFields = new Dictionary<string, JsonElement> { ["Sector"] = JsonDocument.Parse("\"it\"").RootElement },
        CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    private static JsonSerializerOptions ReflectionOnly()
    {
        var options = CrmJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.TypeInfoResolverChain.Remove(CrmJsonContext.Default);
        return options;
    }

    private sealed record Unlisted(string Title);
}
