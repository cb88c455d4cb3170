namespace Crm.Application.Common;

/// <summary>404: the resource does not exist (or the caller may not know it does); the catalogue key words it, with its <c>{id}</c>.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string key, object id)
        : base(Texts.Format(key, ("id", id)))
    {
    }

    private NotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>A 404 worded by <paramref name="key"/> alone, for what has no id to name (a download link's secret token).</summary>
    public static NotFoundException Worded(string key) => new(Texts.Get(key));
}

/// <summary>409: the request conflicts with existing state; <see cref="ExistingId"/> names the record it collides with.</summary>
public sealed class ConflictException(string message, string? field = null, Guid? existingId = null, string? existingUrl = null)
    : Exception(message)
{
    public string? Field { get; } = field;

    public Guid? ExistingId { get; } = existingId;

    public string? ExistingUrl { get; } = existingUrl;
}

/// <summary>403: authenticated but not allowed.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>401: credentials or token not accepted.</summary>
public sealed class UnauthorizedException(string message) : Exception(message);

/// <summary>412: the If-Match version is stale.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>
/// 503: every connection kept for bulk work (imports, exports, downloads of rejected rows) stayed in use for as long as
/// the pool waits; nothing was written. Try again after <see cref="RetryAfter"/>.
/// </summary>
public sealed class BulkWorkBusyException(Exception inner) : Exception(
    "Every connection kept for imports and exports is in use; nothing was written. Try again when one of them has finished.", inner)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
}

/// <summary>429: try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>400 for a problem found outside the validators (bad cursor, unparsable patch); names the field.</summary>
public sealed class BadRequestException : Exception
{
    public BadRequestException(string field, string message)
        : base(message) => Errors = new Dictionary<string, string[]> { [field] = [message] };

    /// <summary>Several fields, named exactly as given (e.g. a file's column names, which are not camel-cased).</summary>
    public BadRequestException(IReadOnlyDictionary<string, string[]> errors)
        : base(Texts.Get("problem.invalid.detail")) => Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
