using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Crm.Application.Common;
using Crm.Application.Customers;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using NpgsqlTypes;
using DomainSearchText = Crm.Domain.Common.SearchText;

namespace Crm.Infrastructure.Imports;

/// <summary>Customers: the API's validator and normalisation per row, staged into import_customer_rows.</summary>
public sealed class CustomerImportTarget : IImportTarget
{
    private static readonly CustomerInputValidator Validator = new();

    public string Entity => "customers";

    public CustomFieldEntity CustomFieldEntity => CustomFieldEntity.Customers;

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("name", "name", "account", "account name", "company", "company name", "customer", "customer name", "client", "client name", "organisation", "organization", "full name",
            "nome", "nome da empresa", "empresa", "cliente", "nom", "nom de l'empresa", "nazwa", "nazwa firmy", "firma", "klient", "όνομα", "επωνυμία", "πελάτης"),
        new("kind", "kind", "customer kind"),
        new("email", "email", "e-mail", "mail", "email address", "customer email", "client email", "correo", "correu", "correu electrònic", "correio eletrónico", "correio eletrônico", "adres email", "adres e-mail", "ηλεκτρονικό ταχυδρομείο"),
        new("phone", "phone", "telephone", "tel", "phone number", "mobile", "customer phone", "telefone", "telèfon", "telefon", "numer telefonu", "τηλέφωνο"),
        new("website", "website", "web", "url", "site", "homepage", "web site", "sítio", "lloc web", "strona", "strona www", "ιστοσελίδα"),
        new("type", "type", "customer type", "relationship", "tipo", "tipus", "typ", "τύπος"),
        new("lifecycleStage", "lifecycle_stage", "lifecycle stage", "stage", "lifecycle"),
        new("ownerId", "owner_id", "owner id"),
        new("tags", "tags", "labels", "etiquetas", "etiquetes", "tagi", "ετικέτες"),
        new("externalId", "external_id", "external id", "erp id", "crm id", "source id", "id externo", "identificador extern", "identyfikator zewnętrzny", "εξωτερικό id"),
        new("address.line1", "address_line1", "address", "address line 1", "street", "morada", "rua", "adreça", "adres", "ulica", "διεύθυνση", "οδός"),
        new("address.line2", "address_line2", "address line 2"),
        new("address.city", "address_city", "city", "town", "cidade", "localidade", "ciutat", "població", "miasto", "miejscowość", "πόλη"),
        new("address.region", "address_region", "region", "state", "province", "county", "distrito", "estado", "província", "województwo", "περιοχή", "νομός"),
        new("address.postalCode", "address_postal_code", "postal code", "postcode", "zip", "zip code", "código postal", "codi postal", "kod pocztowy", "ταχυδρομικός κώδικας", "τκ"),
        new("address.country", "address_country", "country", "country code", "país", "pais", "kraj", "χώρα"),
    ];

    public IReadOnlyList<string[]> RequiredFields { get; } = [["name"]];

    public IReadOnlyList<string> MatchKeys { get; } = ["email", "externalId"];

    public string StagingTable => "import_customer_rows";

    public IReadOnlyList<StagingColumn> StagingColumns { get; } =
    [
        new("id", NpgsqlDbType.Uuid),
        new("kind", NpgsqlDbType.Text),
        new("name", NpgsqlDbType.Text),
        new("email", NpgsqlDbType.Text),
        new("phone", NpgsqlDbType.Text),
        new("website", NpgsqlDbType.Text),
        new("type", NpgsqlDbType.Text),
        new("lifecycle_stage", NpgsqlDbType.Text),
        new("owner_id", NpgsqlDbType.Uuid),
        new("tags", NpgsqlDbType.Array | NpgsqlDbType.Text),
        new("external_id", NpgsqlDbType.Text),
        new("address_line1", NpgsqlDbType.Text),
        new("address_line2", NpgsqlDbType.Text),
        new("address_city", NpgsqlDbType.Text),
        new("address_region", NpgsqlDbType.Text),
        new("address_postal_code", NpgsqlDbType.Text),
        new("address_country", NpgsqlDbType.Text),
        new("custom_fields", NpgsqlDbType.Jsonb),
        new("search_text", NpgsqlDbType.Text),
    ];

    public MergeSpec Merge { get; } = new(
        Table: "customers",
        AuditEntityType: "customer",
        Noun: "customer",
        UniqueKeys: new Dictionary<string, string> { ["email"] = "email", ["external_id"] = "externalId" },
        InsertColumns: ["kind", "name", "email", "phone", "website", "type", "lifecycle_stage", "owner_id", "tags", "external_id",
            "address_line1", "address_line2", "address_city", "address_region", "address_postal_code", "address_country"],
        PreparationSql: plan => plan.MappedColumns.Contains("owner_id") || plan.DefaultedColumns.Contains("owner_id")
            ?
            [
                // An owner must be a user (the foreign key would otherwise fail the whole import on the first row).
                new MergeSql("""
                    UPDATE import_customer_rows s SET status = 'rejected', error = @reason
                    WHERE s.job_id = @job AND s.status IS NULL AND s.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.owner_id)
                    """, ("reason", "ownerId: " + Texts.Get("validation.noSuchUser", plan.Language))),
            ]
            : [],
        SearchColumns: ["name", "email", "phone", "website", "external_id", "address_city"],
        SearchText: v => DomainSearchText.Build(v.Select(o => o as string).ToArray()),
        SearchPostingsTable: "customer_search",
        InsertFallbacks: new Dictionary<string, string> { ["kind"] = "'Company'", ["type"] = "'Lead'" });

    public StagedRow Stage(ImportRow row)
    {
        var errors = new List<(string, string)>();
        // Empty (and no default): staged NULL, so that the merge gives a new record the fallback and an updated one keeps its value.
        var kind = ImportValues.NullableEnum<CustomerKind>(row, "kind", errors);
        var type = ImportValues.NullableEnum<CustomerType>(row, "type", errors);
        var input = new CustomerInput
        {
            Kind = kind ?? CustomerKind.Company,
            Name = row["name"],
            Email = row["email"],
            Phone = row["phone"],
            Website = row["website"],
            Type = type ?? CustomerType.Lead,
            LifecycleStage = ImportValues.NullableEnum<LifecycleStage>(row, "lifecycleStage", errors),
            OwnerId = ImportValues.Guid(row, "ownerId", errors),
            Tags = ImportValues.List(row["tags"]),
            ExternalId = row["externalId"],
            Address = new AddressDto
            {
                Line1 = row["address.line1"],
                Line2 = row["address.line2"],
                City = row["address.city"],
                Region = row["address.region"],
                PostalCode = row["address.postalCode"],
                Country = row["address.country"],
            },
        };

        var check = Validator.Validate(input);
        errors.AddRange(check.Errors.Select(e => (Application.Common.FieldNames.FromPropertyPath(e.PropertyName), e.ErrorMessage)));
        var customFields = ImportValues.CustomFields(row, errors);
        if (errors.Count > 0)
        {
            return new StagedRow(null, ImportValues.Describe(errors));
        }

        var d = CustomerInputs.ToDetails(input, CustomFieldJson.Empty);
        var tags = d.Tags.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return new StagedRow(
        [
            Crm.Domain.Common.OrderedIds.Next(), kind is null ? null : d.Kind.ToString(), d.Name, d.Email, d.Phone, d.Website, type is null ? null : d.Type.ToString(), d.LifecycleStage?.ToString(), d.OwnerId, tags, d.ExternalId,
            d.Address?.Line1, d.Address?.Line2, d.Address?.City, d.Address?.Region, d.Address?.PostalCode, d.Address?.Country,
            customFields, DomainSearchText.Build(d.Name, d.Email, d.Phone, d.Website, d.ExternalId, d.Address?.City),
        ], null);
    }
}

/// <summary>Cell parsing shared by targets: enums as on the wire, ids, lists and custom fields.</summary>
internal static class ImportValues
{
    public static TEnum? NullableEnum<TEnum>(ImportRow row, string field, List<(string, string)> errors)
        where TEnum : struct, System.Enum
    {
        var text = row[field];
        if (text is null)
        {
            return null;
        }

        if (Application.Common.EnumFilter.IsValid<TEnum>(text))
        {
            return Application.Common.EnumFilter.Parse<TEnum>(text);
        }

        errors.Add((field, Application.Common.EnumFilter.Message<TEnum>()));
        return null;
    }

    public static Guid? Guid(ImportRow row, string field, List<(string, string)> errors)
    {
        var text = row[field];
        if (text is null)
        {
            return null;
        }

        if (System.Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors.Add((field, Texts.Get("import.notAnId")));
        return null;
    }

    public static bool? Bool(ImportRow row, string field, List<(string, string)> errors)
    {
        var text = row[field];
        if (text is null)
        {
            return null;
        }

        if (CustomFieldSchema.TryParseBoolean(text, out var value))
        {
            return value;
        }

        errors.Add((field, CustomFieldSchema.NotABoolean));
        return null;
    }

    /// <summary>A rejected row's reason: each field with its message.</summary>
    public static string Describe(IEnumerable<(string Field, string Message)> errors)
    {
        var sb = new StringBuilder();
        foreach (var (field, message) in errors)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{field}: {message}");
        }

        return sb.ToString();
    }

    /// <summary>Tags and similar lists: separated by ; or |.</summary>
    public static IReadOnlyList<string>? List(string? text) =>
        text?.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The mapped custom-field cells as a staging object: a parsed value per key, or JSON null for an
    /// empty cell (an update then clears it; an insert drops nulls).
    /// </summary>
    public static string CustomFields(ImportRow row, List<(string, string)> errors)
    {
        if (row.CustomColumns.Count == 0)
        {
            return CustomFieldJson.Empty;
        }

        var values = new JsonObject();
        foreach (var (field, column) in row.CustomColumns)
        {
            if (CustomFieldSchema.TryParse(field, row.Cell(column) ?? string.Empty, out var node, out var error))
            {
                values[field.Key] = node;
            }
            else
            {
                errors.Add(($"customFields.{field.Key}", error));
            }
        }

        return values.ToJsonString();
    }
}
