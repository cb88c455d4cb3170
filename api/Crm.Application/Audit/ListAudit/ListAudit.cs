using System.Text.Json;
using Crm.Application.Common;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Audit.ListAudit;

/// <summary>GET /audit: newest first; filter by entity or actor.</summary>
public sealed record ListAudit : IQuery<Page<AuditEntryResponse>>
{
    public string? EntityType { get; init; }

    public Guid? EntityId { get; init; }

    public Guid? ActorId { get; init; }

    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }
}

public sealed class ListAuditValidator : AbstractValidator<ListAudit>
{
    public ListAuditValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
        RuleFor(x => x.EntityType).Must(t => string.IsNullOrWhiteSpace(t) || AuditEntityTypes.Find(t) is not null)
            .WithMessage(_ => AuditEntityTypes.Message).OverridePropertyName("entityType");
    }
}

public sealed class ListAuditHandler(ICrmDbContext db) : IQueryHandler<ListAudit, Page<AuditEntryResponse>>
{
    public async ValueTask<Page<AuditEntryResponse>> Handle(ListAudit request, CancellationToken cancellationToken)
    {
        const string scope = "audit:id:d";
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.EntityType))
        {
            // The stored name is camelCase (apiToken): lower-casing the filter would never match it.
            var type = AuditEntityTypes.Find(request.EntityType);
            query = query.Where(a => a.EntityType == type);
        }

        if (request.EntityId is { } entityId)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        if (request.ActorId is { } actorId)
        {
            query = query.Where(a => a.ActorId == actorId);
        }

        if (request.Cursor is not null)
        {
            var (_, id) = Paging.Decode(request.Cursor, scope);
            query = query.Where(a => a.Id.CompareTo(id) < 0);
        }

        // UUIDv7 ids sort by time, so the id alone is the keyset.
        var rows = await query.OrderByDescending(a => a.Id).Take(request.Limit + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > request.Limit;
        var items = rows.Take(request.Limit).Select(a => new AuditEntryResponse
        {
            Id = a.Id,
            OccurredAt = a.OccurredAt,
            ActorId = a.ActorId,
            ActorName = a.ActorName,
            Action = a.Action,
            EntityType = a.EntityType,
            EntityId = a.EntityId,
            Changes = JsonDocument.Parse(a.Changes).RootElement.Clone(),
            TraceId = a.TraceId,
        }).ToList();
        return new Page<AuditEntryResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(scope, "-", items[^1].Id) : null,
        };
    }
}
