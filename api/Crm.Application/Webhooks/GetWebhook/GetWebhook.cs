using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Webhooks.GetWebhook;

public sealed record GetWebhook(Guid Id) : IQuery<Versioned<WebhookResponse>>;

public sealed class GetWebhookHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetWebhook, Versioned<WebhookResponse>>
{
    public async ValueTask<Versioned<WebhookResponse>> Handle(GetWebhook request, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == request.Id)
            .ProjectTo<Versioned<WebhookResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("notFound.webhook", request.Id);
}
