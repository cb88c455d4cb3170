using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Npgsql;
using Stored = Crm.Domain.Customers;

namespace Crm.Application.Customers.ListCustomers;

/// <summary>
/// A customer's response read from a hand-written statement's row: the columns of <see cref="Columns"/>, in that order,
/// mapped as CustomerMappingProfile maps the entity (enums through their stored names, custom fields canonicalised as
/// the column's converter does, no address when every part is null). For the statements that read customers without EF
/// Core's query pipeline: a search's page in the same round trip as its matches (<see cref="CustomerSearch"/>), the
/// unfiltered list (ListCustomersHandler.NamePages) and get by id (GetCustomerHandler). ListCustomersTests checks it
/// against the EF Core projection.
/// </summary>
internal static class CustomerRows
{
    /// <summary>The columns <see cref="Read"/> takes, of the customers table aliased <c>c</c>.</summary>
    public const string Columns =
        "c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, c.tags, c.external_id, c.custom_fields, "
        + "c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country";

    /// <summary>How many columns <see cref="Columns"/> names: a statement may read more after them.</summary>
    public static readonly int Count = Columns.Split(',').Length;

    public static CustomerResponse Read(NpgsqlDataReader r)
    {
        var address = new AddressDto
        {
            Line1 = Text(r, 15),
            Line2 = Text(r, 16),
            City = Text(r, 17),
            Region = Text(r, 18),
            PostalCode = Text(r, 19),
            Country = Text(r, 20),
        };
        return new CustomerResponse
        {
            Id = r.GetGuid(0),
            Kind = Parse<Stored.CustomerKind>(r.GetString(1)).ToWire(),
            Name = r.GetString(2),
            Email = Text(r, 3),
            Phone = Text(r, 4),
            Website = Text(r, 5),
            Type = Parse<Stored.CustomerType>(r.GetString(6)).ToWire(),
            LifecycleStage = (r.IsDBNull(7) ? (Stored.LifecycleStage?)null : Parse<Stored.LifecycleStage>(r.GetString(7))).ToWire(),
            OwnerId = r.IsDBNull(8) ? null : r.GetGuid(8),
            Tags = r.GetFieldValue<string[]>(9),
            ExternalId = Text(r, 10),
            CustomFields = CustomFieldJson.ToDictionary(CustomFieldJson.Canonicalize(r.GetString(11))),
            ArchivedAt = r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(13),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(14),
            Address = address is { Line1: null, Line2: null, City: null, Region: null, PostalCode: null, Country: null } ? null : address,
        };
    }

    // As EF Core's enum-to-string converter reads: the name in any case, else the enum's default.
    private static T Parse<T>(string value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : default;

    private static string? Text(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
