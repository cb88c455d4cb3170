using System.Text.Json;
using Crm.Application.Batches;
using Crm.Application.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.UnitTests;

/// <summary>
/// JSON merge patch as PATCH and the batch upserts apply it: an item that matches a stored record changes only the
/// members it carries.
/// </summary>
public sealed class MergePatchTests
{
    private sealed record Doc
    {
        public string? Name { get; init; }

        public string? Email { get; init; }

        public Inner? Inner { get; init; }
    }

    private sealed record Inner
    {
        public string? A { get; init; }

        public string? B { get; init; }
    }

    [Fact]
    public void SetsPresentFieldsClearsNullsAndKeepsTheRest()
    {
        var current = new Doc { Name = "A", Email = "a@x.pt", Inner = new Inner { A = "1", B = "2" } };
        var patched = MergePatch.Apply(current, Json("""{"name":"B","email":null,"inner":{"b":"3"}}"""));
        patched.ShouldBe(new Doc { Name = "B", Email = null, Inner = new Inner { A = "1", B = "3" } });
    }

    [Fact]
    public void UnknownFieldsAreABadRequestNamingThem() =>
        Should.Throw<BadRequestException>(() => MergePatch.Apply(new Doc(), Json("""{"inner":{"c":"x"}}"""))).Errors.Keys.ShouldBe(["inner.c"]);

    [Fact]
    public void APatchMustBeAnObject() =>
        Should.Throw<BadRequestException>(() => MergePatch.Apply(new Doc(), Json("[1]")));

    [Fact]
    public void WhatABatchItemLeavesOutIsKeptAndANullClears()
    {
        var stored = new CustomerInput
        {
            Kind = CustomerKind.Person,
            Name = "Ana",
            Phone = "+351211234567",
            Type = CustomerType.Customer,
            Tags = ["vip"],
            ExternalId = "ERP-7",
            Address = new AddressDto { Line1 = "Rua Augusta 24", City = "Lisboa", Country = "PT" },
            CustomFields = new Dictionary<string, JsonElement> { ["level"] = Json("3"), ["sector"] = Json("\"retail\"") },
        };
        var item = Item<CustomerInput>("""{"name":"Ana Sá","PHONE":null,"address":{"city":"Porto","line1":null},"customFields":{"level":null,"sector":"medical"}}""");

        var merged = MergePatch.Apply(stored, item.Json);

        merged.Name.ShouldBe("Ana Sá");
        merged.Phone.ShouldBeNull();
        merged.Kind.ShouldBe(CustomerKind.Person);
        merged.Type.ShouldBe(CustomerType.Customer);
        merged.Tags.ShouldBe(["vip"]);
        merged.ExternalId.ShouldBe("ERP-7");
        merged.Address.ShouldBe(new AddressDto { City = "Porto", Country = "PT" });
        merged.CustomFields!.Keys.ShouldBe(["sector"]);
        merged.CustomFields["sector"].GetString().ShouldBe("medical");
    }

    [Fact]
    public void MembersAreMatchedAsBindingMatchesThemAndCustomFieldKeysExactly()
    {
        // Custom-field keys are case-sensitive ("dealSize" and "dealsize" may both be defined): "LEVEL" is not level.
        var stored = new CustomerInput
        {
            Kind = CustomerKind.Company,
            Name = "Cel·lers Puig",
            Phone = "+34931234567",
            Type = CustomerType.Prospect,
            Address = new AddressDto { Line1 = "Carrer Major 3", City = "Reus" },
            CustomFields = new Dictionary<string, JsonElement> { ["level"] = Json("3") },
        };

        var merged = MergePatch.Apply(stored, Json("""{"PHONE":null,"Address":{"CITY":"Valls"},"customFields":{"LEVEL":null,"Level":5}}"""));

        merged.Phone.ShouldBeNull();
        merged.Address.ShouldBe(new AddressDto { Line1 = "Carrer Major 3", City = "Valls" });
        merged.CustomFields!.Keys.Order(StringComparer.Ordinal).ShouldBe(["Level", "level"]);
        merged.CustomFields["level"].GetInt32().ShouldBe(3);
        merged.CustomFields["Level"].GetInt32().ShouldBe(5);
    }

    [Fact]
    public void CustomFieldKeysThatDifferOnlyInCaseStaySeparate()
    {
        var stored = new ContactInput
        {
            CustomerId = Guid.CreateVersion7(),
            FirstName = "Łucja",
            CustomFields = new Dictionary<string, JsonElement> { ["dealSize"] = Json("10"), ["dealsize"] = Json("20") },
        };

        var merged = MergePatch.Apply(stored, Json("""{"customFields":{"dealsize":null},"FIRSTNAME":"Łucja Anna"}"""));

        merged.FirstName.ShouldBe("Łucja Anna");
        merged.CustomFields!.Keys.ShouldBe(["dealSize"]);
        merged.CustomFields["dealSize"].GetInt32().ShouldBe(10);
    }

    [Fact]
    public void AnObjectSentOntoNoneIsTakenWithoutItsNulls()
    {
        var stored = new CustomerInput { Kind = CustomerKind.Person, Name = "Zoë", Type = CustomerType.Lead };

        var merged = MergePatch.Apply(stored, Json("""{"address":{"city":"Θεσσαλονίκη","line1":null}}"""));

        merged.Address.ShouldBe(new AddressDto { City = "Θεσσαλονίκη" });
        merged.Name.ShouldBe("Zoë");
    }

    [Fact]
    public void ANullOnARequiredValueRejectsTheItemAlone()
    {
        var batch = BatchBody.Read<ContactInput>(JsonDocument.Parse("""{"items":[{"firstName":"A","EmailConsent":null},{"firstName":"B"}]}""").RootElement);

        batch.Items![0]!.Errors!.Keys.ShouldBe(["emailConsent"]);
        batch.Items[0]!.Input.FirstName.ShouldBe("A");
        batch.Items[1]!.Errors.ShouldBeNull();
    }

    [Fact]
    public void AnUnknownMemberOfAnItemIsStillA400NamingIt() =>
        Should.Throw<BadRequestException>(() => BatchBody.Read<CustomerInput>(JsonDocument.Parse("""{"items":[{"name":"a"},{"name":"b","colour":"red"}]}""").RootElement))
            .Errors.Keys.ShouldBe(["items[1].colour"]);

    private static BatchItem<T> Item<T>(string json)
        where T : class =>
        BatchBody.Read<T>(JsonDocument.Parse($$"""{"items":[{{json}}]}""").RootElement).Items![0]!;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
