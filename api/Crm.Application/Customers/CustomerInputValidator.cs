using Crm.Application.Common;
using Crm.Contracts.Customers;
using FluentValidation;

namespace Crm.Application.Customers;

/// <summary>Shape rules of a customer body, shared by POST, PUT and PATCH.</summary>
public sealed class CustomerInputValidator : AbstractValidator<CustomerInput>
{
    public CustomerInputValidator()
    {
        RuleFor(x => x.Kind).IsDefinedEnum();
        RuleFor(x => x.Type).IsDefinedEnum();
        RuleFor(x => x.LifecycleStage).IsDefinedEnum();
        RuleFor(x => x.Name).NotEmpty().WithMessage("A name is required.")
            .Must(n => n is null || n.Trim().Length <= 200).WithMessage("At most 200 characters.");
        RuleFor(x => x.Email)
            .Must(e => ContactPoints.IsValidEmail(ContactPoints.NormalizeEmail(e)!)).When(x => !string.IsNullOrWhiteSpace(x.Email))
            .WithMessage("Not a valid email address.");
        RuleFor(x => x.Address).SetValidator(new AddressValidator()!);
        RuleFor(x => x.Phone)
            .Must((x, phone) => ContactPoints.TryNormalizePhone(phone, CountryOrNull(x), out _))
            .When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage("Not a valid phone number; include the country code (+351…) or set address.country.");
        // The length is that of the address as stored: the canonical form percent-encodes the path and punycodes the
        // host, so a short address typed with non-ASCII letters can be several times longer (and fail the column).
        RuleFor(x => x.Website).Custom((website, context) =>
        {
            if (string.IsNullOrWhiteSpace(website))
            {
                return;
            }

            if (!ContactPoints.TryNormalizeWebsite(website, out var canonical))
            {
                context.AddFailure("Not a valid http(s) address.");
            }
            else if (canonical!.Length > ContactPoints.MaxWebsiteLength)
            {
                context.AddFailure($"At most {ContactPoints.MaxWebsiteLength} characters once normalised; this address has {canonical.Length} (non-ASCII letters are percent-encoded or punycoded, so each counts several times).");
            }
        });
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Tags).Must(t => t!.Count <= 50).When(x => x.Tags is not null).WithMessage("At most 50 tags.");
        RuleForEach(x => x.Tags).NotEmpty().MaximumLength(50);
    }

    private sealed class AddressValidator : AbstractValidator<AddressDto>
    {
        public AddressValidator()
        {
            RuleFor(a => a.Country)
                .Must(ContactPoints.IsCountryCode).When(a => !string.IsNullOrWhiteSpace(a.Country))
                .WithMessage("Use an ISO 3166-1 alpha-2 country code such as PT, ES, PL, GR.");
            RuleFor(a => a.Line1).MaximumLength(200);
            RuleFor(a => a.Line2).MaximumLength(200);
            RuleFor(a => a.City).MaximumLength(100);
            RuleFor(a => a.Region).MaximumLength(100);
            RuleFor(a => a.PostalCode).MaximumLength(20);
        }
    }

    internal static string? CountryOrNull(CustomerInput x) =>
        ContactPoints.IsCountryCode(x.Address?.Country) ? x.Address!.Country : null;
}
