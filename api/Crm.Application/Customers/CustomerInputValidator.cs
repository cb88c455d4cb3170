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
        RuleFor(x => x.Name).NotEmpty().WithText("validation.nameRequired").Visible()
            .Must(n => n is null || n.Trim().Length <= 200).WithText("field.maxChars", ("max", 200));
        RuleFor(x => x.Email)
            .Must(e => ContactPoints.IsValidEmail(ContactPoints.NormalizeEmail(e)!)).When(x => !string.IsNullOrWhiteSpace(x.Email))
            .WithText("validation.email");
        RuleFor(x => x.Address).SetValidator(new AddressValidator()!);
        RuleFor(x => x.Phone)
            .Must((x, phone) => ContactPoints.TryNormalizePhone(phone, CountryOrNull(x), out _))
            .When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithText("validation.customerPhone");
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
                context.AddFailure(Texts.Get("validation.website"));
            }
            else if (canonical!.Length > ContactPoints.MaxWebsiteLength)
            {
                context.AddFailure(Texts.Format("validation.websiteTooLong", ("max", ContactPoints.MaxWebsiteLength), ("length", canonical.Length)));
            }
        });
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Tags).Must(t => t!.Count <= 50).When(x => x.Tags is not null).WithText("validation.maxTags", ("max", 50));
        RuleForEach(x => x.Tags).NotEmpty().MaximumLength(50);
    }

    private sealed class AddressValidator : AbstractValidator<AddressDto>
    {
        public AddressValidator()
        {
            RuleFor(a => a.Country)
                .Must(ContactPoints.IsCountryCode).When(a => !string.IsNullOrWhiteSpace(a.Country))
                .WithText("validation.country");
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
