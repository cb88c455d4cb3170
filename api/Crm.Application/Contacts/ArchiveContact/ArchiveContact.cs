using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.ArchiveContact;

public sealed record ArchiveContact(Guid Id, IReadOnlyCollection<uint>? IfMatch) : ICommand;

public sealed class ArchiveContactHandler(ICrmDbContext db, TimeProvider clock) : ICommandHandler<ArchiveContact>
{
    public async ValueTask<Unit> Handle(ArchiveContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.contact", request.Id);
        Concurrency.Check(db, contact, request.IfMatch);
        if (contact.Archive(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
