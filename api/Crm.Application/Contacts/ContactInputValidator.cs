using Crm.Application.Common;
using Crm.Contracts.Customers;
using FluentValidation;

namespace Crm.Application.Contacts;

/// <summary>Shape rules of a contact body, shared by POST, PUT and PATCH.</summary>
public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("A customer is required.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("A first name is required.").MaximumLength(100);
        RuleFor(x => x.LastName).MaximumLength(100);
        RuleFor(x => x.JobTitle).MaximumLength(100);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Email)
            .Must(e => ContactPoints.IsValidEmail(ContactPoints.NormalizeEmail(e)!)).When(x => !string.IsNullOrWhiteSpace(x.Email))
            .WithMessage("Not a valid email address.");
        RuleFor(x => x.Phone)
            .Must(p => ContactPoints.TryNormalizePhone(p, null, out _)).When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage("Not a valid phone number; include the country code, e.g. +30 21 0123 4567.");
    }
}
