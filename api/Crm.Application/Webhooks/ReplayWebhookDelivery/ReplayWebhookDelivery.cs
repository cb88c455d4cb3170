using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.ReplayWebhookDelivery;

/// <summary>Queues a new delivery of the same event (same id, same body) to the same subscription.</summary>
public sealed record ReplayWebhookDelivery(Guid SubscriptionId, Guid DeliveryId) : ICommand<WebhookDeliveryAccepted>;

public sealed class ReplayWebhookDeliveryHandler(ICrmDbContext db, TimeProvider clock) : ICommandHandler<ReplayWebhookDelivery, WebhookDeliveryAccepted>
{
    public async ValueTask<WebhookDeliveryAccepted> Handle(ReplayWebhookDelivery request, CancellationToken cancellationToken)
    {
        var original = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Id == request.DeliveryId && d.SubscriptionId == request.SubscriptionId)
            .Select(d => new { d.EventId, d.EventType })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("notFound.webhookDelivery", request.DeliveryId);
        var active = await db.WebhookSubscriptions.Where(s => s.Id == request.SubscriptionId).Select(s => s.Active).FirstAsync(cancellationToken);
        if (!active)
        {
            throw new ConflictException(Texts.Get("conflict.webhookInactive"), "active");
        }

        var replay = WebhookDelivery.Schedule(original.EventId, original.EventType, request.SubscriptionId, clock.GetUtcNow());
        db.WebhookDeliveries.Add(replay);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookDeliveryAccepted { DeliveryId = replay.Id, EventId = original.EventId };
    }
}
