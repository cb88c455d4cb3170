using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DeliveryStatus = Crm.Domain.Webhooks.WebhookDeliveryStatus;

namespace Crm.Application.Webhooks.ListWebhookDeliveries;

/// <summary>GET /webhooks/{id}/deliveries: newest first, with every attempt.</summary>
public sealed record ListWebhookDeliveries : IQuery<Page<WebhookDeliveryResponse>>
{
    public Guid SubscriptionId { get; init; }

    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }

    public string? Status { get; init; }
}

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
        RuleFor(x => x.Status).Must(v => EnumFilter.IsValid<DeliveryStatus>(v)).WithMessage(_ => EnumFilter.Message<DeliveryStatus>()).OverridePropertyName("status");
    }
}

public sealed class ListWebhookDeliveriesHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListWebhookDeliveries, Page<WebhookDeliveryResponse>>
{
    public async ValueTask<Page<WebhookDeliveryResponse>> Handle(ListWebhookDeliveries request, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == request.SubscriptionId, cancellationToken))
        {
            throw new NotFoundException("notFound.webhook", request.SubscriptionId);
        }

        const string scope = "webhook-deliveries:id:d";
        (Guid Key, Guid Id)? after = null;
        if (request.Cursor is not null)
        {
            var (key, id) = Paging.Decode(request.Cursor, scope);
            after = (Guid.TryParse(key, out var k) ? k : throw new BadRequestException("cursor", Texts.Get("paging.cursorInvalid")), id);
        }

        var subscriptionId = request.SubscriptionId;
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        if (EnumFilter.Parse<DeliveryStatus>(request.Status) is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        // UUIDv7 ids sort by creation time, so id alone orders newest first.
        query = Keyset.OrderAndSeek(query, d => d.Id, true, after);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<WebhookDeliveryResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<WebhookDeliveryResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(scope, items[^1].Id.ToString(), items[^1].Id) : null,
        };
    }
}
