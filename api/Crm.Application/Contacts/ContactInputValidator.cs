using Crm.Application.Common;
using Crm.Contracts.Customers;
using FluentValidation;

namespace Crm.Application.Contacts;

/// <summary>Shape rules of a contact body, shared by POST, PUT and PATCH.</summary>
public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithText("validation.customerRequired");
        RuleFor(x => x.FirstName).NotEmpty().WithText("validation.firstNameRequired").Visible().MaximumLength(100);
        RuleFor(x => x.LastName).MaximumLength(100);
        RuleFor(x => x.JobTitle).MaximumLength(100);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Email)
            .Must(e => ContactPoints.IsValidEmail(ContactPoints.NormalizeEmail(e)!)).When(x => !string.IsNullOrWhiteSpace(x.Email))
            .WithText("validation.email");
        RuleFor(x => x.Phone)
            .Must(p => ContactPoints.TryNormalizePhone(p, null, out _)).When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithText("validation.contactPhone");
    }
}
