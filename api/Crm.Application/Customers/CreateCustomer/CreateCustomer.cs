using AutoMapper;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;

namespace Crm.Application.Customers.CreateCustomer;

public sealed record CreateCustomer(CustomerInput Input) : ICommand<Versioned<CustomerResponse>>;

public sealed class CreateCustomerValidator : AbstractValidator<CreateCustomer>
{
    public CreateCustomerValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new CustomerInputValidator());
}

public sealed class CreateCustomerHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateCustomer, Versioned<CustomerResponse>>
{
    public async ValueTask<Versioned<CustomerResponse>> Handle(CreateCustomer request, CancellationToken cancellationToken)
    {
        var details = CustomerInputs.ToDetails(request.Input, await CustomFieldSchema.NormalizeAsync(db, CustomFieldEntity.Customers, request.Input.CustomFields, cancellationToken));
        var customer = Customer.Create(details);
        db.Customers.Add(customer);
        await CustomerInputs.SaveAsync(db, details, customer.Id, cancellationToken);
        return mapper.Map<Versioned<CustomerResponse>>(customer);
    }
}
