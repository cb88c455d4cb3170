using Crm.Application.Common;
using Crm.Application.Contacts;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using NpgsqlTypes;
using DomainSearchText = Crm.Domain.Common.SearchText;

namespace Crm.Infrastructure.Imports;

/// <summary>Contacts: linked to their customer by id, external id or email, resolved set-based before the merge.</summary>
public sealed class ContactImportTarget : IImportTarget
{
    private static readonly ContactInputValidator Validator = new();

    public string Entity => "contacts";

    public CustomFieldEntity CustomFieldEntity => CustomFieldEntity.Contacts;

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("customerId", "customer_id", "customer id"),
        new("customerExternalId", "customer_id", "customer external id", "account external id", "company external id"),
        new("customerEmail", "customer_id", "customer email", "account email", "company email"),
        new("firstName", "first_name", "first name", "firstname", "given name", "forename", "nome próprio", "primeiro nome", "nom de pila", "imię", "όνομα"),
        new("lastName", "last_name", "last name", "lastname", "surname", "family name", "apelido", "sobrenome", "cognom", "nazwisko", "επώνυμο"),
        new("email", "email", "e-mail", "mail", "email address", "correo", "correu", "correu electrònic", "correio eletrónico", "adres email", "ηλεκτρονικό ταχυδρομείο"),
        new("phone", "phone", "telephone", "tel", "phone number", "mobile", "telefone", "telèfon", "telefon", "τηλέφωνο"),
        new("jobTitle", "job_title", "job title", "title", "position", "role", "cargo", "càrrec", "stanowisko", "θέση"),
        new("emailConsent", "email_consent", "email consent", "consent", "marketing consent", "opt in", "consentimento", "consentiment", "zgoda", "συναίνεση"),
        new("externalId", "external_id", "external id", "erp id", "crm id", "source id", "id externo"),
    ];

    public IReadOnlyList<string[]> RequiredFields { get; } = [["firstName"], ["customerId", "customerExternalId", "customerEmail"]];

    public IReadOnlyList<string> MatchKeys { get; } = ["email", "externalId"];

    public string StagingTable => "import_contact_rows";

    public IReadOnlyList<StagingColumn> StagingColumns { get; } =
    [
        new("id", NpgsqlDbType.Uuid),
        new("customer_id", NpgsqlDbType.Uuid),
        new("customer_external_id", NpgsqlDbType.Text),
        new("customer_email", NpgsqlDbType.Text),
        new("first_name", NpgsqlDbType.Text),
        new("last_name", NpgsqlDbType.Text),
        new("email", NpgsqlDbType.Text),
        new("phone", NpgsqlDbType.Text),
        new("job_title", NpgsqlDbType.Text),
        new("email_consent", NpgsqlDbType.Boolean),
        new("external_id", NpgsqlDbType.Text),
        new("custom_fields", NpgsqlDbType.Jsonb),
        new("search_text", NpgsqlDbType.Text),
    ];

    public MergeSpec Merge { get; } = new(
        Table: "contacts",
        AuditEntityType: "contact",
        Noun: "contact",
        UniqueKeys: new Dictionary<string, string> { ["email"] = "email", ["external_id"] = "externalId" },
        InsertColumns: ["customer_id", "first_name", "last_name", "email", "phone", "job_title", "email_consent", "external_id"],
        PreparationSql: Preparation,
        SearchColumns: ["first_name", "last_name", "email", "phone", "job_title", "external_id"],
        SearchText: v => DomainSearchText.Build(v.Select(o => o as string).ToArray()),
        InsertFallbacks: new Dictionary<string, string> { ["email_consent"] = "false" });

    /// <summary>The customer of each row, by id, external id or email (in that order), when the file or a default names one.</summary>
    private static List<MergeSql> Preparation(ImportPlan plan)
    {
        if (!plan.MappedColumns.Contains("customer_id") && !plan.DefaultedColumns.Contains("customer_id"))
        {
            return [];
        }

        var statements = new List<MergeSql>();
        var language = plan.Language;
        if (plan.Fields.Count(f => f is "customerId" or "customerExternalId" or "customerEmail") > 1)
        {
            // A row that names its customer twice must name one customer: which one it meant is not ours to guess. First
            // each name it gives must match a customer (one that matches nothing is not overruled by one that does), then
            // they must all match the same one.
            statements.Add(new("""
                UPDATE import_contact_rows s
                SET status = 'rejected',
                    error = concat_ws(' ',
                        CASE WHEN s.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.customer_id) THEN @noId END,
                        CASE WHEN s.customer_external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_external_id) THEN @noExternalId END,
                        CASE WHEN s.customer_email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.email = s.customer_email) THEN @noEmail END)
                WHERE s.job_id = @job AND s.status IS NULL AND num_nonnulls(s.customer_id, s.customer_external_id, s.customer_email) > 1
                  AND ((s.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.customer_id))
                    OR (s.customer_external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_external_id))
                    OR (s.customer_email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.email = s.customer_email)))
                """,
                ("noId", "customerId: " + Texts.Get("import.noCustomerWithId", language)),
                ("noExternalId", "customerExternalId: " + Texts.Get("import.noCustomerWithExternalId", language)),
                ("noEmail", "customerEmail: " + Texts.Get("import.noCustomerWithEmail", language))));
            // The fields' names stay the wire names, joined by the language's "and".
            statements.Add(new("""
                UPDATE import_contact_rows s
                SET status = 'rejected',
                    error = replace(@reason, '{fields}', concat_ws(@and, CASE WHEN s.customer_id IS NOT NULL THEN 'customerId' END, CASE WHEN s.customer_external_id IS NOT NULL THEN 'customerExternalId' END,
                                      CASE WHEN s.customer_email IS NOT NULL THEN 'customerEmail' END))
                WHERE s.job_id = @job AND s.status IS NULL AND num_nonnulls(s.customer_id, s.customer_external_id, s.customer_email) > 1
                  AND (SELECT count(*) FROM customers c WHERE c.id = s.customer_id OR c.external_id = s.customer_external_id OR c.email = s.customer_email) > 1
                """,
                ("reason", Texts.Get("import.differentCustomers", language)),
                ("and", $" {Texts.Get("word.and", language)} ")));
        }

        statements.AddRange(
        [
            """
            UPDATE import_contact_rows s SET customer_id = c.id FROM customers c
            WHERE s.job_id = @job AND s.status IS NULL AND s.customer_id IS NULL AND s.customer_external_id IS NOT NULL AND c.external_id = s.customer_external_id
            """,
            """
            UPDATE import_contact_rows s SET customer_id = c.id FROM customers c
            WHERE s.job_id = @job AND s.status IS NULL AND s.customer_id IS NULL AND s.customer_email IS NOT NULL AND c.email = s.customer_email
            """,
            new MergeSql("""
                UPDATE import_contact_rows s SET status = 'rejected', error = @reason
                WHERE s.job_id = @job AND s.status IS NULL AND (s.customer_id IS NULL OR NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.customer_id))
                """, ("reason", Texts.Get("import.noCustomer", language))),
        ]);
        return statements;
    }

    public StagedRow Stage(ImportRow row)
    {
        var errors = new List<(string, string)>();
        var customerId = ImportValues.Guid(row, "customerId", errors);
        var customerExternalId = row["customerExternalId"];
        var customerEmail = Application.Common.ContactPoints.NormalizeEmail(row["customerEmail"]);
        // Empty (and no default): staged NULL, so that the merge gives a new contact no consent and an updated one keeps its own.
        var emailConsent = ImportValues.Bool(row, "emailConsent", errors);
        var input = new ContactInput
        {
            // The customer is resolved in the database; a placeholder lets the API's validator judge the rest.
            CustomerId = customerId ?? ((customerExternalId ?? customerEmail) is not null ? Guid.Empty : null),
            FirstName = row["firstName"],
            LastName = row["lastName"],
            Email = row["email"],
            Phone = row["phone"],
            JobTitle = row["jobTitle"],
            EmailConsent = emailConsent ?? false,
            ExternalId = row["externalId"],
        };

        var check = Validator.Validate(input);
        errors.AddRange(check.Errors
            .Where(e => !(e.PropertyName == nameof(ContactInput.CustomerId) && input.CustomerId == Guid.Empty))
            .Select(e => (e.PropertyName == nameof(ContactInput.CustomerId) ? "customerId" : Application.Common.FieldNames.FromPropertyPath(e.PropertyName), e.ErrorMessage)));
        var customFields = ImportValues.CustomFields(row, errors);
        if (errors.Count > 0)
        {
            return new StagedRow(null, ImportValues.Describe(errors));
        }

        var d = ContactInputs.ToDetails(input, CustomFieldJson.Empty);
        return new StagedRow(
        [
            Crm.Domain.Common.OrderedIds.Next(), customerId, customerExternalId, customerEmail, d.FirstName, d.LastName, d.Email, d.Phone, d.JobTitle, emailConsent is null ? null : d.EmailConsent, d.ExternalId,
            customFields, DomainSearchText.Build(d.FirstName, d.LastName, d.Email, d.Phone, d.JobTitle, d.ExternalId),
        ], null);
    }
}
