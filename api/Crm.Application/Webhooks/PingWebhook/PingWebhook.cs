using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.PingWebhook;

/// <summary>Queues a <c>webhook.ping</c> event (data: the subscription) for this subscription only.</summary>
public sealed record PingWebhook(Guid Id) : ICommand<WebhookDeliveryAccepted>;

public sealed class PingWebhookHandler(ICrmDbContext db, IMapper mapper, TimeProvider clock) : ICommandHandler<PingWebhook, WebhookDeliveryAccepted>
{
    public async ValueTask<WebhookDeliveryAccepted> Handle(PingWebhook request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.webhook", request.Id);
        if (!subscription.Active)
        {
            throw new ConflictException(Texts.Get("conflict.webhookInactive"), "active");
        }

        var now = clock.GetUtcNow();
        var eventId = Guid.CreateVersion7(now);
        var body = WebhookEvents.Envelope(eventId, WebhookEvents.Ping, now, mapper.Map<WebhookResponse>(subscription));
        var ping = WebhookEvent.RaiseFor(subscription.Id, eventId, WebhookEvents.Ping, now, body);
        var delivery = WebhookDelivery.Schedule(eventId, WebhookEvents.Ping, subscription.Id, now);
        db.WebhookEvents.Add(ping);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookDeliveryAccepted { DeliveryId = delivery.Id, EventId = eventId };
    }
}
