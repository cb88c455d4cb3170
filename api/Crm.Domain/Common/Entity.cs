namespace Crm.Domain.Common;

/// <summary>Base of every persisted aggregate: a UUIDv7 id, a concurrency version and timestamps.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = OrderedIds.Next();

    /// <summary>PostgreSQL <c>xmin</c>: changes on every write, so it doubles as the strong ETag.</summary>
    public uint Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Called by the persistence layer with the injected clock on every save.</summary>
    public void Stamp(DateTimeOffset now, bool isNew)
    {
        if (isNew)
        {
            CreatedAt = now;
        }

        UpdatedAt = now;
    }
}

/// <summary>Marks entities whose changes are written to the audit log in the same transaction.</summary>
public interface IAuditable;

/// <summary>Keeps a property out of the audit log (secrets, derived or noisy state).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>A domain rule was broken by a state change (maps to 409).</summary>
/// <summary>
/// A domain rule refused a change (a 409). <see cref="Key"/> names its text in the API's catalogue, which words it in
/// the request's language with <see cref="Arguments"/>; the message is the English text.
/// </summary>
public sealed class DomainException(string key, string message, params (string Name, object? Value)[] arguments) : Exception(message)
{
    public string Key { get; } = key;

    public IReadOnlyList<(string Name, object? Value)> Arguments { get; } = arguments;
}

/// <summary>An entity that is archived instead of deleted: nothing is lost, and restore brings it back.</summary>
public abstract class ArchivableEntity : Entity
{
    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>Archiving is idempotent: archiving an archived record changes nothing (returns false).</summary>
    public bool Archive(DateTimeOffset now)
    {
        if (IsArchived)
        {
            return false;
        }

        ArchivedAt = now;
        return true;
    }

    public bool Restore()
    {
        if (!IsArchived)
        {
            return false;
        }

        ArchivedAt = null;
        return true;
    }
}
