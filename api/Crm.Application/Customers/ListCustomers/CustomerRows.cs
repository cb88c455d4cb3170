using System.Collections.Frozen;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Npgsql;
using Stored = Crm.Domain.Customers;

namespace Crm.Application.Customers.ListCustomers;

/// <summary>
/// A customer's response read from a hand-written statement's row: the columns of <see cref="Columns"/>, in that order,
/// mapped as CustomerMappingProfile maps the entity (enums through their stored names, custom fields in the order and
/// without the nulls the column's converter leaves, no address when every part is null). For the statements that read
/// customers without EF Core's query pipeline: a search's page, in the same round trip as its matches or after them
/// (<see cref="CustomerSearch"/>), the unfiltered list (ListCustomersHandler.NamePages) and get by id
/// (GetCustomerHandler). ListCustomersTests checks it against the EF Core projection.
/// </summary>
internal static class CustomerRows
{
    /// <summary>
    /// The columns <see cref="Read"/> takes, of the customers table aliased <c>c</c>. Empty tags and custom fields come
    /// back as NULL, which the reader answers from the column's length; an empty array or object goes through Npgsql's
    /// converters (and, for custom fields, a string to parse). Together with the enum names below, 5 % less of the API's
    /// CPU per list page of the bench.
    /// </summary>
    public const string Columns =
        "c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, NULLIF(c.tags, '{}'), c.external_id, "
        + "NULLIF(c.custom_fields, '{}'), "
        + "c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country";

    /// <summary>How many columns <see cref="Columns"/> names: a statement may read more after them.</summary>
    public static readonly int Count = TopLevelItems(Columns);

    // Columns are read in order: reading back to an earlier one makes the reader seek back through the row.
    public static CustomerResponse Read(NpgsqlDataReader r)
    {
        var id = r.GetGuid(0);
        var kind = Parse<Stored.CustomerKind>(r.GetString(1)).ToWire();
        var name = r.GetString(2);
        var email = r.TextOrNull(3);
        var phone = r.TextOrNull(4);
        var website = r.TextOrNull(5);
        var type = Parse<Stored.CustomerType>(r.GetString(6)).ToWire();
        var stage = (r.IsDBNull(7) ? (Stored.LifecycleStage?)null : Parse<Stored.LifecycleStage>(r.GetString(7))).ToWire();
        Guid? owner = r.IsDBNull(8) ? null : r.GetGuid(8);
        var tags = r.IsDBNull(9) ? [] : r.GetFieldValue<string[]>(9);
        var externalId = r.TextOrNull(10);
        var customFields = r.IsDBNull(11) ? EmptyCustomFields.Value : CustomFieldJson.ToDictionary(r.GetString(11));
        var archived = r.TimeOrNull(12);
        var created = r.GetFieldValue<DateTimeOffset>(13);
        var updated = r.GetFieldValue<DateTimeOffset>(14);
        var address = new AddressDto
        {
            Line1 = r.TextOrNull(15),
            Line2 = r.TextOrNull(16),
            City = r.TextOrNull(17),
            Region = r.TextOrNull(18),
            PostalCode = r.TextOrNull(19),
            Country = r.TextOrNull(20),
        };
        return new CustomerResponse
        {
            Id = id,
            Kind = kind,
            Name = name,
            Email = email,
            Phone = phone,
            Website = website,
            Type = type,
            LifecycleStage = stage,
            OwnerId = owner,
            Tags = tags,
            ExternalId = externalId,
            CustomFields = customFields,
            ArchivedAt = archived,
            CreatedAt = created,
            UpdatedAt = updated,
            Address = address is { Line1: null, Line2: null, City: null, Region: null, PostalCode: null, Country: null } ? null : address,
        };
    }

    // Commas outside parentheses: NULLIF(c.tags, '{}') is one column.
    private static int TopLevelItems(string list)
    {
        var (items, depth) = (1, 0);
        foreach (var c in list)
        {
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            items += c == ',' && depth == 0 ? 1 : 0;
        }

        return items;
    }

    // As EF Core's enum-to-string converter reads: the name in any case, else the enum's default. The names as stored
    // are looked up first: Enum.TryParse ignoring case was 1.3 % of the API's CPU on a list page.
    private static T Parse<T>(string value)
        where T : struct, Enum =>
        StoredNames<T>.ByName.TryGetValue(value, out var stored) ? stored
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : default;

    private static class StoredNames<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName =
            Enum.GetValues<T>().ToFrozenDictionary(v => v.ToString(), StringComparer.Ordinal);
    }
}
