using System.Text.Json;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.UnitTests;

public sealed class CustomerResponseConverterTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static TheoryData<string> Names => ["full", "bare", "greek", "archived"];

    [Theory]
    [MemberData(nameof(Names))]
    public void ACustomerIsWrittenAsTheSerializerWritesItWithoutTheConverter(string name)
    {
        var customer = Customers[name];
        var page = new Page<CustomerResponse> { Items = [customer, customer with { Id = Guid.Empty }], NextCursor = "abc", Total = 2 };

        JsonSerializer.Serialize(customer, CrmJson.Options).ShouldBe(JsonSerializer.Serialize(customer, WithoutTheConverter()));
        JsonSerializer.Serialize(page, CrmJson.Options).ShouldBe(JsonSerializer.Serialize(page, WithoutTheConverter()));
    }

    [Fact]
    public void EveryKindTypeAndStageIsWrittenByItsWireName()
    {
        foreach (var kind in Enum.GetValues<CustomerKind>())
        {
            foreach (var type in Enum.GetValues<CustomerType>())
            {
                foreach (var stage in Enum.GetValues<LifecycleStage>().Select(s => (LifecycleStage?)s).Append(null))
                {
                    var customer = Customers["bare"] with { Kind = kind, Type = type, LifecycleStage = stage };
                    JsonSerializer.Serialize(customer, CrmJson.Options).ShouldBe(JsonSerializer.Serialize(customer, WithoutTheConverter()));
                }
            }
        }
    }

    [Fact]
    public void ACustomerIsReadBackAsWritten()
    {
        var customer = Customers["full"];

        var read = JsonSerializer.Deserialize<CustomerResponse>(JsonSerializer.Serialize(customer, CrmJson.Options), CrmJson.Options)!;

        JsonSerializer.Serialize(read, CrmJson.Options).ShouldBe(JsonSerializer.Serialize(customer, CrmJson.Options));
    }

    private static Dictionary<string, CustomerResponse> Customers => new()
    {
        ["full"] = new CustomerResponse
        {
            Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000001"),
            Kind = CustomerKind.Company,
            Name = "Zakład <Łódzki> & \"Co\" \\ Sp. z o.o.",
            Email = "biuro@zaklad-lodzki.pl",
            Phone = "+48421234567",
            Website = "https://zaklad-lodzki.pl/",
            Type = CustomerType.Partner,
            LifecycleStage = LifecycleStage.Opportunity,
            OwnerId = Guid.Parse("0193a1b2-0000-7000-8000-0000000000ff"),
            Tags = ["vip", "pl", "ünïcode\u2028"],
            ExternalId = "ERP-000123",
            Address = new AddressDto { Line1 = "ul. Piotrkowska 1", Line2 = "II piętro", City = "Łódź", Region = "łódzkie", PostalCode = "90-001", Country = "PL" },
            CustomFields = new Dictionary<string, JsonElement>
            {
                ["sector"] = Json("\"technology\""),
                ["Revenue"] = Json("12.50"),
                ["vip"] = Json("true"),
                ["regions"] = Json("[\"north\",\"south\"]"),
                ["since"] = Json("\"2024-05-01\""),
            },
            CreatedAt = Created,
            UpdatedAt = Created.AddTicks(1234567),
        },
        ["bare"] = new CustomerResponse { Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000002"), Name = "Acme", CreatedAt = Created, UpdatedAt = Created },
        ["greek"] = new CustomerResponse
        {
            Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000003"),
            Kind = CustomerKind.Person,
            Name = "Ζέφυρος Παπαδόπουλος",
            Phone = "+302101234567",
            Type = CustomerType.Customer,
            Address = new AddressDto { City = "Αθήνα" },
            CustomFields = new Dictionary<string, JsonElement> { ["revenue"] = Json("0") },
            CreatedAt = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(3)),
            UpdatedAt = Created,
        },
        ["archived"] = new CustomerResponse
        {
            Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000004"),
            Name = "Cal Pagès Cel·lers",
            Type = CustomerType.Supplier,
            LifecycleStage = LifecycleStage.Subscriber,
            Tags = [],
            ArchivedAt = Created.AddDays(3),
            CreatedAt = Created,
            UpdatedAt = Created,
        },
    };

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static JsonSerializerOptions WithoutTheConverter()
    {
        var options = CrmJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Converters.Remove(options.Converters.OfType<CustomerResponseConverter>().Single());
        return options;
    }
}
