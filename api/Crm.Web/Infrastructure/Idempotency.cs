using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Crm.Application.Common;
using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Crm.Web.Infrastructure;

/// <summary>Marks a creating POST as accepting <c>Idempotency-Key</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;

public static class IdempotencyExtensions
{
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentAttribute());
}

/// <summary>
/// A repeat of a creating POST with the same Idempotency-Key and body replays the first response;
/// with another body it is a 422. The key is claimed in the database before the handler runs, so
/// two concurrent repeats (even on different replicas) cannot both create.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context, CrmDbContext db, ICurrentUser currentUser, TimeProvider clock, IProblemDetailsService problems)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null || currentUser.Id is not { } owner)
        {
            await next(context);
            return;
        }

        if (key.Length > 200)
        {
            await WriteProblem(context, problems, HeaderProblem(Texts.Format("field.maxChars", ("max", 200))));
            return;
        }

        var endpoint = context.Request.Method + " " + context.Request.Path;

        // A streamed upload (an import of any size) is never held whole: its hash is taken as the handler reads it, and
        // is stored when the request succeeds; until then the record's hash is empty and a repeat is told to wait.
        var streamed = context.GetEndpoint()?.Metadata.GetMetadata<UnlimitedBodyAttribute>() is not null;
        var hash = string.Empty;
        if (!streamed)
        {
            context.Request.EnableBuffering();
            hash = Convert.ToHexString(await SHA256.HashDataAsync(context.Request.Body, context.RequestAborted));
            context.Request.Body.Position = 0;
        }

        var now = clock.GetUtcNow();
        var cutoff = now - KeyLifetime;

        // One round trip: claim a new key, or take over one that expired (older than 24 h).
        var claimed = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO idempotency_records (id, owner_id, key, endpoint, request_hash, created_at)
            VALUES ({OrderedIds.Next()}, {owner}, {key}, {endpoint}, {hash}, {now})
            ON CONFLICT (owner_id, key) DO UPDATE
                SET id = EXCLUDED.id, endpoint = EXCLUDED.endpoint, request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                    status_code = NULL, content_type = NULL, location = NULL, e_tag = NULL, body = NULL
                WHERE idempotency_records.created_at < {cutoff}
            RETURNING id AS "Value"
            """).ToListAsync(context.RequestAborted);

        if (claimed.Count == 0)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstAsync(r => r.OwnerId == owner && r.Key == key, context.RequestAborted);
            if (streamed && existing.Endpoint == endpoint && existing.StatusCode is not null)
            {
                // The first upload is done and its hash stored: read this one through to compare (nothing is kept).
                await using var repeat = new HashingReadStream(context.Request);
                await repeat.CopyToAsync(Stream.Null, context.RequestAborted);
                hash = repeat.Hash();
            }

            if (existing.Endpoint != endpoint || existing.RequestHash != hash)
            {
                await WriteProblem(context, problems, new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = Texts.Get("idempotency.reused.title"),
                    Detail = Texts.Get("idempotency.reused.detail"),
                });
                return;
            }

            if (existing.StatusCode is not { } status)
            {
                await WriteProblem(context, problems, new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = Texts.Get("idempotency.running.title"),
                    Detail = Texts.Get("idempotency.running.detail"),
                });
                return;
            }

            context.Response.StatusCode = status;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            if (existing.ContentType is not null)
            {
                context.Response.ContentType = existing.ContentType;
            }

            if (existing.Location is not null)
            {
                context.Response.Headers.Location = existing.Location;
            }

            if (existing.ETag is not null)
            {
                context.Response.Headers.ETag = existing.ETag;
            }

            if (existing.Body is { Length: > 0 } body)
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }

            return;
        }

        HashingReadStream? hashing = null;
        if (streamed)
        {
            hashing = new HashingReadStream(context.Request);
            context.Request.Body = hashing;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(context);
            // Only successes are kept: after a 4xx the client fixes the request and retries with the same key.
            if (context.Response.StatusCode < 400)
            {
                if (hashing is not null)
                {
                    // Whatever the handler left unread (a multipart epilogue) belongs to the body too.
                    await hashing.CopyToAsync(Stream.Null, context.RequestAborted);
                    hash = hashing.Hash();
                }

                await db.IdempotencyRecords.Where(r => r.Id == claimed[0]).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.RequestHash, hash)
                    .SetProperty(r => r.StatusCode, context.Response.StatusCode)
                    .SetProperty(r => r.ContentType, context.Response.ContentType)
                    .SetProperty(r => r.Location, context.Response.Headers.Location.ToString().NullIfEmpty())
                    .SetProperty(r => r.ETag, context.Response.Headers.ETag.ToString().NullIfEmpty())
                    .SetProperty(r => r.Body, buffer.ToArray()), CancellationToken.None);
                stored = true;
            }
        }
        finally
        {
            if (!stored)
            {
                // Rejected, failed or crashed: release the key so the client can retry.
                await db.IdempotencyRecords.Where(r => r.Id == claimed[0]).ExecuteDeleteAsync(CancellationToken.None);
            }

            context.Response.Body = original;
            if (hashing is not null)
            {
                context.Request.Body = hashing.Inner;
                await hashing.DisposeAsync();
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    /// <summary>
    /// A validation problem naming the header as clients send it. The wire's dictionary key policy would write the
    /// key of an errors dictionary as "idempotency-Key"; the keys of a JSON object (in the problem's extension data)
    /// are written as they are.
    /// </summary>
    public static ProblemDetails HeaderProblem(string message)
    {
        var shape = ProblemDetailsExceptionHandler.Validation(new Dictionary<string, string[]>());
        var problem = new ProblemDetails { Status = shape.Status, Title = shape.Title, Detail = shape.Detail, Type = shape.Type };
        problem.Extensions["errors"] = new JsonObject { [Header] = new JsonArray(message) };
        return problem;
    }

    public static async Task WriteProblem(HttpContext context, IProblemDetailsService problems, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

/// <summary>Deletes idempotency keys older than 24 h, once an hour; any replica may do it.</summary>
public sealed class IdempotencyCleanup(NpgsqlDataSource dataSource, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var cmd = dataSource.CreateCommand("DELETE FROM idempotency_records WHERE created_at < now() - interval '24 hours'");
                await cmd.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Idempotency key cleanup failed; will retry in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Reads a request body through SHA-256 as it streams, holding no more of it than one read. The hash covers the media
/// type, the query string (an import's entity, mode and mapping) and the body. A multipart body's boundary is random
/// per request (curl -F picks a new one every time), so it is hashed as a fixed token: the same parts hash the same.
/// </summary>
internal sealed class HashingReadStream : Stream
{
    private static readonly byte[] BoundaryToken = "\0boundary\0"u8.ToArray();
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[]? boundary;

    // The last bytes read, which may be the start of a boundary that the next read completes.
    private byte[] tail = [];

    public HashingReadStream(HttpRequest request)
    {
        Inner = request.Body;
        var mediaType = string.Empty;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
        {
            mediaType = media.MediaType.Value?.ToLowerInvariant() ?? string.Empty;
            if (HeaderUtilities.RemoveQuotes(media.Boundary).Value is { Length: > 0 } b)
            {
                boundary = Encoding.UTF8.GetBytes("--" + b);
            }
        }

        sha.AppendData(Encoding.UTF8.GetBytes(mediaType + "\n" + request.QueryString.Value + "\n"));
    }

    public Stream Inner { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The hash of everything read so far, as upper-case hex; call once, after the body's end.</summary>
    public string Hash()
    {
        sha.AppendData(tail);
        tail = [];
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        Append(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        Append(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sha.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (boundary is null)
        {
            sha.AppendData(data);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(tail.Length + data.Length);
        try
        {
            tail.CopyTo(rented, 0);
            data.CopyTo(rented.AsSpan(tail.Length));
            ReadOnlySpan<byte> pending = rented.AsSpan(0, tail.Length + data.Length);
            int at;
            while ((at = pending.IndexOf(boundary)) >= 0)
            {
                sha.AppendData(pending[..at]);
                sha.AppendData(BoundaryToken);
                pending = pending[(at + boundary.Length)..];
            }

            var keep = Math.Min(pending.Length, boundary.Length - 1);
            sha.AppendData(pending[..^keep]);
            tail = pending[^keep..].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

internal static class StringExtensions
{
    public static string? NullIfEmpty(this string value) => value.Length == 0 ? null : value;
}
