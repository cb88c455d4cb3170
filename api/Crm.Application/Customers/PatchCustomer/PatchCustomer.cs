using System.Text.Json;
using AutoMapper;
using Crm.Application.Common;
using Crm.Application.Customers.UpdateCustomer;
using Crm.Contracts.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.PatchCustomer;

/// <summary>PATCH (application/merge-patch+json): changes only the fields present in the patch.</summary>
public sealed record PatchCustomer(Guid Id, JsonElement Patch, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<CustomerResponse>>;

public sealed class PatchCustomerHandler(ICrmDbContext db, IMapper mapper, IValidator<CustomerInput> validator)
    : ICommandHandler<PatchCustomer, Versioned<CustomerResponse>>
{
    public async ValueTask<Versioned<CustomerResponse>> Handle(PatchCustomer request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.customer", request.Id);
        Concurrency.Check(db, customer, request.IfMatch);
        var input = MergePatch.Apply(CustomerInputs.ToInput(customer), request.Patch);
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        return await UpdateCustomerHandler.Apply(db, mapper, customer, input, request.IfMatch, cancellationToken);
    }
}
