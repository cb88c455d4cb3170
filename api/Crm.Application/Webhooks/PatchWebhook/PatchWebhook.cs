using System.Text.Json;
using AutoMapper;
using Crm.Application.Common;
using Crm.Application.Webhooks.UpdateWebhook;
using Crm.Contracts.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.PatchWebhook;

/// <summary>PATCH (application/merge-patch+json): changes only the fields present; validated like PUT.</summary>
public sealed record PatchWebhook(Guid Id, JsonElement Patch, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<WebhookResponse>>;

public sealed class PatchWebhookHandler(ICrmDbContext db, IMapper mapper, IValidator<WebhookInput> validator)
    : ICommandHandler<PatchWebhook, Versioned<WebhookResponse>>
{
    public async ValueTask<Versioned<WebhookResponse>> Handle(PatchWebhook request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.webhook", request.Id);
        Concurrency.Check(db, subscription, request.IfMatch);
        var input = MergePatch.Apply(WebhookInputs.ToInput(subscription), request.Patch);
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        return await UpdateWebhookHandler.Apply(db, mapper, subscription, input, request.IfMatch, cancellationToken);
    }
}
