using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.DeleteWebhook;

/// <summary>Deletes the subscription with its deliveries (events already in the outbox stay for other subscribers).</summary>
public sealed record DeleteWebhook(Guid Id, IReadOnlyCollection<uint>? IfMatch) : ICommand;

public sealed class DeleteWebhookHandler(ICrmDbContext db) : ICommandHandler<DeleteWebhook>
{
    public async ValueTask<Unit> Handle(DeleteWebhook request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.webhook", request.Id);
        Concurrency.Check(db, subscription, request.IfMatch);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
