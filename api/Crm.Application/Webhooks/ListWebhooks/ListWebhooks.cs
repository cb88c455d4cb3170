using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.ListWebhooks;

/// <summary>GET /webhooks: oldest first, keyset-paginated.</summary>
public sealed record ListWebhooks : IQuery<Page<WebhookResponse>>
{
    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }
}

public sealed class ListWebhooksValidator : AbstractValidator<ListWebhooks>
{
    public ListWebhooksValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListWebhooksHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListWebhooks, Page<WebhookResponse>>
{
    public async ValueTask<Page<WebhookResponse>> Handle(ListWebhooks request, CancellationToken cancellationToken)
    {
        const string scope = "webhooks:createdAt:a";
        (DateTimeOffset Key, Guid Id)? after = null;
        if (request.Cursor is not null)
        {
            var (key, id) = Paging.Decode(request.Cursor, scope);
            after = (Paging.ParseTime(key), id);
        }

        var query = Keyset.OrderAndSeek(db.WebhookSubscriptions.AsNoTracking(), s => s.CreatedAt, false, after);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<WebhookResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<WebhookResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(scope, Paging.Key(items[^1].CreatedAt), items[^1].Id) : null,
        };
    }
}
