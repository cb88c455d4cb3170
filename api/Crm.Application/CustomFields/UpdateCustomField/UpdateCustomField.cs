using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.CustomFields;
using Crm.Domain.CustomFields;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.UpdateCustomField;

/// <summary>PUT: label, help text and options; removing an option still in use is a 409 naming how many records hold it.</summary>
public sealed record UpdateCustomField(Guid Id, UpdateCustomFieldRequest Input, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<CustomFieldResponse>>;

public sealed class UpdateCustomFieldValidator : AbstractValidator<UpdateCustomField>
{
    public UpdateCustomFieldValidator()
    {
        RuleFor(x => x.Input.Label).CustomFieldLabel().OverridePropertyName("label");
        RuleFor(x => x.Input.Description).MaximumLength(500).OverridePropertyName("description");
        RuleFor(x => x.Input.Options).CustomFieldOptions().OverridePropertyName("options");
    }
}

public sealed class UpdateCustomFieldHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<UpdateCustomField, Versioned<CustomFieldResponse>>
{
    public async ValueTask<Versioned<CustomFieldResponse>> Handle(UpdateCustomField request, CancellationToken cancellationToken)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.customField", request.Id);
        Concurrency.Check(db, field, request.IfMatch);
        // Only the stored field knows its type, so this shape rule runs here rather than in the validator;
        // before the in-use check, so an empty list on a choice field is a 400 and not a 409 about an option.
        if (CustomFieldRules.OptionsProblem(field.HasOptions, request.Input.Options) is { } problem)
        {
            throw new BadRequestException("options", problem);
        }

        var options = request.Input.Options ?? [];
        // An option stays while one differing only in case or accents stays: values match options so (and Change keeps one of them).
        var kept = options.Select(o => Domain.Common.SearchText.Fold(o.Trim())).ToHashSet(StringComparer.Ordinal);
        foreach (var removed in field.Options.Where(o => !kept.Contains(Domain.Common.SearchText.Fold(o))))
        {
            var used = await CountHoldingAsync(field, removed, cancellationToken);
            if (used > 0)
            {
                throw new ConflictException(Texts.Format("conflict.optionInUse", ("option", removed), ("count", used)), "options");
            }
        }

        field.Change(request.Input.Label!, request.Input.Description, options);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<CustomFieldResponse>>(field);
    }

    private Task<int> CountHoldingAsync(CustomFieldDefinition field, string option, CancellationToken ct)
    {
        var node = field.Type == Domain.CustomFields.CustomFieldType.MultiChoice
            ? (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonArray(option)
            : System.Text.Json.Nodes.JsonValue.Create(option);
        var containment = CustomFieldJson.Write([new(field.Key, node)]);
        return field.Entity == Domain.CustomFields.CustomFieldEntity.Contacts
            ? db.Contacts.CountAsync(c => EF.Functions.JsonContains(c.CustomFields, containment), ct)
            : db.Customers.CountAsync(c => EF.Functions.JsonContains(c.CustomFields, containment), ct);
    }
}
