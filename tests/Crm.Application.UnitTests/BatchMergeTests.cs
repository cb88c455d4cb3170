using System.Text.Json;
using Crm.Application.Batches;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using CustomerBatch = Crm.Application.Customers.UpsertCustomers.CustomerBatch;
using ContactBatch = Crm.Application.Contacts.UpsertContacts.ContactBatch;

namespace Crm.Application.UnitTests;

/// <summary>
/// The batch upserts merge an item onto the record it matches member by member: a member of the input contract
/// without an entry would be silently dropped on every update. These hold the merges to the contracts.
/// </summary>
public sealed class BatchMergeTests
{
    [Fact]
    public void EveryCustomerMemberIsMerged() =>
        CustomerBatch.Fields.Names.Order().ShouldBe(WireNames<CustomerInput>());

    [Fact]
    public void EveryAddressMemberIsMerged() =>
        CustomerBatch.AddressFields.Names.Order().ShouldBe(WireNames<AddressDto>());

    [Fact]
    public void EveryContactMemberIsMerged() =>
        ContactBatch.Fields.Names.Order().ShouldBe(WireNames<ContactInput>());

    [Fact]
    public void WhatAnItemLeavesOutIsKeptAndANullClears()
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

        var merged = CustomerBatch.Fields.Apply(stored, item.Input, item.Json);

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
    public void AnItemIsTheSameAsMergePatchingIt()
    {
        var stored = new ContactInput { CustomerId = Guid.CreateVersion7(), FirstName = "Inês", Phone = "+351211234567", EmailConsent = true, ExternalId = "C-1" };
        const string json = """{"firstName":"Inês Maria","jobTitle":"Buyer","phone":null}""";
        var item = Item<ContactInput>(json);

        var merged = ContactBatch.Fields.Apply(stored, item.Input, item.Json);

        JsonSerializer.Serialize(merged, CrmJson.Options).ShouldBe(JsonSerializer.Serialize(MergePatch.Apply(stored, JsonDocument.Parse(json).RootElement), CrmJson.Options));
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

    private static List<string> WireNames<T>() =>
        CrmJson.Options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).Order().ToList();

    private static BatchItem<T> Item<T>(string json)
        where T : class =>
        BatchBody.Read<T>(JsonDocument.Parse($$"""{"items":[{{json}}]}""").RootElement).Items![0]!;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
