using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Mediator;
using Npgsql;

namespace Crm.Application.Contacts.GetContact;

public sealed record GetContact(Guid Id) : IQuery<Versioned<ContactResponse>>;

public sealed class GetContactHandler(ICrmDbContext db) : IQueryHandler<GetContact, Versioned<ContactResponse>>
{
    /// <summary>
    /// One hand-written statement, its row read here as CustomerMappingProfile maps a contact, the row version (the ETag)
    /// last: without EF Core's query pipeline, which prepared this projection on every call. ContactTests compares the
    /// body with the contact list's (EF Core's projection).
    /// </summary>
    internal const string Sql =
        "SELECT c.id, c.customer_id, c.first_name, c.last_name, c.email, c.phone, c.job_title, c.email_consent, c.external_id, "
        + "c.custom_fields, c.archived_at, c.created_at, c.updated_at, c.xmin FROM contacts AS c WHERE c.id = @id";

    public async ValueTask<Versioned<ContactResponse>> Handle(GetContact request, CancellationToken cancellationToken)
    {
        var rows = await RawQuery.ListAsync(db, Sql, [new NpgsqlParameter("id", request.Id)], Read, Planning.Default, cancellationToken);
        return rows is [var row] ? row : throw new NotFoundException("notFound.contact", request.Id);
    }

    // Columns in order: reading back to an earlier one makes the reader seek back through the row.
    private static Versioned<ContactResponse> Read(NpgsqlDataReader r) => new()
    {
        Value = new ContactResponse
        {
            Id = r.GetGuid(0),
            CustomerId = r.GetGuid(1),
            FirstName = r.GetString(2),
            LastName = r.TextOrNull(3),
            Email = r.TextOrNull(4),
            Phone = r.TextOrNull(5),
            JobTitle = r.TextOrNull(6),
            EmailConsent = r.GetBoolean(7),
            ExternalId = r.TextOrNull(8),
            CustomFields = CustomFieldJson.ToDictionary(r.GetString(9)),
            ArchivedAt = r.TimeOrNull(10),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(11),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(12),
        },
        Version = r.GetFieldValue<uint>(13),
    };
}
