using AutoMapper;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.UpdateCustomer;

/// <summary>PUT: replaces every editable field.</summary>
public sealed record UpdateCustomer(Guid Id, CustomerInput Input, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<CustomerResponse>>;

public sealed class UpdateCustomerValidator : AbstractValidator<UpdateCustomer>
{
    public UpdateCustomerValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new CustomerInputValidator());
}

public sealed class UpdateCustomerHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<UpdateCustomer, Versioned<CustomerResponse>>
{
    public async ValueTask<Versioned<CustomerResponse>> Handle(UpdateCustomer request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.customer", request.Id);
        return await Apply(db, mapper, customer, request.Input, request.IfMatch, cancellationToken);
    }

    internal static async Task<Versioned<CustomerResponse>> Apply(
        ICrmDbContext db, IMapper mapper, Customer customer, CustomerInput input, IReadOnlyCollection<uint>? ifMatch, CancellationToken ct)
    {
        Concurrency.Check(db, customer, ifMatch);
        var details = CustomerInputs.ToDetails(input, await CustomFieldSchema.NormalizeAsync(db, CustomFieldEntity.Customers, input.CustomFields, ct));
        customer.Update(details);
        await CustomerInputs.SaveAsync(db, details, customer.Id, ct);
        return mapper.Map<Versioned<CustomerResponse>>(customer);
    }
}
