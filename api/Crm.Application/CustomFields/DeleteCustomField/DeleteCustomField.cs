using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.DeleteCustomField;

/// <summary>Removes a definition and, in the same transaction, its values from every record (so no value outlives its meaning).</summary>
public sealed record DeleteCustomField(Guid Id, uint? IfMatch) : ICommand;

public sealed class DeleteCustomFieldHandler(ICrmDbContext db) : ICommandHandler<DeleteCustomField>
{
    public async ValueTask<Unit> Handle(DeleteCustomField request, CancellationToken cancellationToken)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Custom field", request.Id);
        Concurrency.Check(db, field, request.IfMatch);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = field.Key;
        _ = field.Entity == Domain.CustomFields.CustomFieldEntity.Contacts
            ? await db.Database.ExecuteSqlAsync($"UPDATE contacts SET custom_fields = custom_fields - {key}, updated_at = now() WHERE custom_fields ? {key}", cancellationToken)
            : await db.Database.ExecuteSqlAsync($"UPDATE customers SET custom_fields = custom_fields - {key}, updated_at = now() WHERE custom_fields ? {key}", cancellationToken);
        db.CustomFields.Remove(field);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
