using Crm.Domain.Common;

namespace Crm.Application.Common;

public static class Concurrency
{
    /// <summary>
    /// Checks If-Match (the row versions its strong ETags name; null when the request sets no condition) against the
    /// loaded row and pins the UPDATE to that version, so of two writers holding the same ETag exactly one succeeds
    /// (the other gets 412 from the concurrency check).
    /// </summary>
    public static void Check<TEntity>(ICrmDbContext db, TEntity entity, IReadOnlyCollection<uint>? ifMatch)
        where TEntity : Entity
    {
        if (ifMatch is null)
        {
            return;
        }

        if (!ifMatch.Contains(entity.Version))
        {
            throw new PreconditionFailedException(Texts.Get("problem.stale.detail"));
        }

        db.Entry(entity).Property(e => e.Version).OriginalValue = entity.Version;
    }
}
