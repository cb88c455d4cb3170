using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.CustomFields;
using Crm.Domain.CustomFields;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.CreateCustomField;

public sealed record CreateCustomField(CreateCustomFieldRequest Input) : ICommand<Versioned<CustomFieldResponse>>;

public sealed class CreateCustomFieldValidator : AbstractValidator<CreateCustomField>
{
    /// <summary>Built-in fields and export columns of customers and contacts: a custom field must not shadow them in a CSV.</summary>
    private static readonly HashSet<string> Reserved = new(
        ["id", "kind", "name", "email", "phone", "website", "type", "lifecycleStage", "ownerId", "tags", "externalId", "address", "addressLine1",
         "addressLine2", "city", "region", "postalCode", "country", "archivedAt", "createdAt", "updatedAt", "customerId", "customerExternalId",
         "customerEmail", "firstName", "lastName", "jobTitle", "emailConsent", "customFields"],
        StringComparer.OrdinalIgnoreCase);

    public CreateCustomFieldValidator()
    {
        // Nullable on the wire so that a missing entity is a 400, not a silent "customers" (the enum's default).
        RuleFor(x => x.Input.Entity).NotNull().WithText("validation.fieldEntity").IsDefinedEnum()
            .OverridePropertyName("entity");
        // Nullable on the wire for the same reason: a missing type is a 400, not a silent text field.
        RuleFor(x => x.Input.Type).NotNull().WithText("validation.fieldType").IsDefinedEnum()
            .OverridePropertyName("type");
        RuleFor(x => x.Input.Key).Must(CustomFieldDefinition.IsValidKey).OverridePropertyName("key")
            .WithText("validation.fieldKey")
            .Must(k => !Reserved.Contains(k!.Replace("_", string.Empty, StringComparison.Ordinal))).When(x => x.Input.Key is not null)
            .WithText("validation.fieldKeyReserved");
        RuleFor(x => x.Input.Label).CustomFieldLabel().OverridePropertyName("label");
        RuleFor(x => x.Input.Description).MaximumLength(500).OverridePropertyName("description");
        RuleFor(x => x.Input.Options).CustomFieldOptions().OverridePropertyName("options");
        RuleFor(x => x.Input.Options).NotEmpty().WithText("validation.choiceNeedsOptions").OverridePropertyName("options")
            .When(x => x.Input.Type is Contracts.CustomFields.CustomFieldType.Choice or Contracts.CustomFields.CustomFieldType.MultiChoice);
        RuleFor(x => x.Input.Options).Empty().WithText("validation.onlyChoicesHaveOptions").OverridePropertyName("options")
            .When(x => x.Input.Type is not (Contracts.CustomFields.CustomFieldType.Choice or Contracts.CustomFields.CustomFieldType.MultiChoice));
    }
}

public sealed class CreateCustomFieldHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateCustomField, Versioned<CustomFieldResponse>>
{
    public async ValueTask<Versioned<CustomFieldResponse>> Handle(CreateCustomField request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var entity = (Domain.CustomFields.CustomFieldEntity)(int)input.Entity!.Value;
        var existing = await db.CustomFields.Where(f => f.Entity == entity && f.Key == input.Key).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            throw new ConflictException(Texts.Format(entity == Domain.CustomFields.CustomFieldEntity.Contacts ? "conflict.customFieldKey.contacts" : "conflict.customFieldKey.customers", ("key", input.Key)), "key", id, $"/api/v1/custom-fields/{id}");
        }

        var field = CustomFieldDefinition.Define(entity, input.Key!, input.Label!, input.Description, (Domain.CustomFields.CustomFieldType)(int)input.Type!.Value, input.Options ?? []);
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<CustomFieldResponse>>(field);
    }
}
