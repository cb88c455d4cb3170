using System.Text.Json;
using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.PatchContact;

public sealed record PatchContact(Guid Id, JsonElement Patch, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<ContactResponse>>;

public sealed class PatchContactHandler(ICrmDbContext db, IMapper mapper, IValidator<ContactInput> validator)
    : ICommandHandler<PatchContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(PatchContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.contact", request.Id);
        Concurrency.Check(db, contact, request.IfMatch);
        var input = MergePatch.Apply(ContactInputs.ToInput(contact), request.Patch);
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        return await ContactInputs.ApplyAsync(db, mapper, contact, input, request.IfMatch, cancellationToken);
    }
}
