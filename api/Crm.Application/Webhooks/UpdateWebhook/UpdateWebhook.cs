using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.UpdateWebhook;

/// <summary>PUT: replaces every editable field; a missing secret keeps the current one.</summary>
public sealed record UpdateWebhook(Guid Id, WebhookInput Input, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<WebhookResponse>>;

public sealed class UpdateWebhookValidator : AbstractValidator<UpdateWebhook>
{
    public UpdateWebhookValidator(WebhookOptions options) => RuleFor(x => x.Input).NotNull().SetValidator(new WebhookInputValidator(options));
}

public sealed class UpdateWebhookHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<UpdateWebhook, Versioned<WebhookResponse>>
{
    public async ValueTask<Versioned<WebhookResponse>> Handle(UpdateWebhook request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.webhook", request.Id);
        return await Apply(db, mapper, subscription, request.Input, request.IfMatch, cancellationToken);
    }

    internal static async Task<Versioned<WebhookResponse>> Apply(
        ICrmDbContext db, IMapper mapper, WebhookSubscription subscription, WebhookInput input, IReadOnlyCollection<uint>? ifMatch, CancellationToken ct)
    {
        Concurrency.Check(db, subscription, ifMatch);
        subscription.Update(WebhookInputs.Url(input), input.Events!, input.Secret, WebhookInputs.Description(input), input.Active);
        await db.SaveChangesAsync(ct);
        return mapper.Map<Versioned<WebhookResponse>>(subscription);
    }
}
