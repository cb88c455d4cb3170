using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Application.Common;
using Crm.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Web.Infrastructure;

/// <summary>The one place where exceptions become RFC 9457 problem responses. Never a stack trace.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away (whatever the driver threw on cancellation): nobody reads an answer,
            // and it is not a server error.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = Map(exception, httpContext);
        if (exception is BulkWorkBusyException)
        {
            logger.LogWarning("Every bulk connection in use: {Method} {Path} answered 503", httpContext.Request.Method, LoggedPath.Of(httpContext.Request));
        }
        else if (BadData(exception) is { } pg)
        {
            // A value that passed validation but not the database: a gap in a validator, worth closing.
            logger.LogWarning("Bad data reached the database ({SqlState}): {Method} {Path} answered 400", pg.SqlState, httpContext.Request.Method, LoggedPath.Of(httpContext.Request));
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, LoggedPath.Of(httpContext.Request));
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Texts.Get("problem.invalid.title"),
            Detail = detail ?? Texts.Get("problem.invalid.detail"),
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        };

    private static ProblemDetails Map(Exception exception, HttpContext context)
    {
        switch (exception)
        {
            case ValidationException ve:
                return Validation(ve.Errors
                    .GroupBy(e => FieldNames.FromPropertyPath(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
            case BadRequestException bre:
                return Validation(bre.Errors.ToDictionary(), bre.Message);
            case BadHttpRequestException bhre:
                return FromBadHttpRequest(bhre, context);
            case JsonException je:
                return Validation(new Dictionary<string, string[]> { [JsonPath.ToField(je.Path)] = [JsonPath.Describe(je)] }, Texts.Get("problem.json.detail"));
            case NotFoundException nf:
                return Problem(StatusCodes.Status404NotFound, Texts.Get("problem.notFound.title"), nf.Message);
            case ConflictException ce:
            {
                var p = Problem(StatusCodes.Status409Conflict, Texts.Get("problem.conflict.title"), ce.Message);
                if (ce.Field is not null)
                {
                    p.Extensions["field"] = ce.Field;
                }

                if (ce.ExistingId is { } id)
                {
                    p.Extensions["existingId"] = id;
                    p.Extensions["existingUrl"] = ce.ExistingUrl;
                    context.Response.Headers.Link = $"<{ce.ExistingUrl}>; rel=\"duplicate\"";
                }

                return p;
            }

            case DomainException de:
                return Problem(StatusCodes.Status409Conflict, Texts.Get("problem.stateConflict.title"), Texts.Format(de.Key, [.. de.Arguments]));
            case ForbiddenException fe:
                return Problem(StatusCodes.Status403Forbidden, Texts.Get("problem.forbidden.title"), fe.Message);
            case UnauthorizedException ue:
                return Problem(StatusCodes.Status401Unauthorized, Texts.Get("problem.unauthorized.title"), ue.Message);
            case PreconditionFailedException pfe:
                return Problem(StatusCodes.Status412PreconditionFailed, Texts.Get("problem.preconditionFailed.title"), pfe.Message);
            case DbUpdateConcurrencyException:
                return Problem(StatusCodes.Status412PreconditionFailed, Texts.Get("problem.preconditionFailed.title"),
                    Texts.Get("problem.concurrency.detail"));
            case TooManyRequestsException tmr:
                RetryAfter(context, tmr.RetryAfter);
                return Problem(StatusCodes.Status429TooManyRequests, Texts.Get("problem.tooManyRequests.title"), tmr.Message);
            case DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg }:
                return UniqueViolation(pg);
            case DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } }:
                return Problem(StatusCodes.Status409Conflict, Texts.Get("problem.conflict.title"), Texts.Get("problem.foreignKey.detail"));
            case BulkWorkBusyException busy:
                // Imports and exports hold their connections for minutes: a second of Retry-After would only bring the request back to wait again.
                RetryAfter(context, BulkWorkBusyException.RetryAfter);
                return Problem(StatusCodes.Status503ServiceUnavailable, Texts.Get("problem.bulkBusy.title"), Texts.Get("problem.bulkBusy.detail"));
            case var _ when BadData(exception) is { } pg:
                return pg.SqlState == PostgresErrorCodes.StringDataRightTruncation
                    ? Problem(StatusCodes.Status400BadRequest, Texts.Get("problem.tooLong.title"), Texts.Get("problem.tooLong.detail"))
                    : Problem(StatusCodes.Status400BadRequest, Texts.Get("problem.badCharacter.title"), Texts.Get("problem.badCharacter.detail"));
            case var _ when IsTransient(exception):
                // The database could not serve the request just now (every pooled connection busy past the pool's
                // Timeout, the server restarting or out of connections, a deadlock): the request can be sent again
                // (a create with its Idempotency-Key).
                context.Response.Headers.RetryAfter = "1";
                return Problem(StatusCodes.Status503ServiceUnavailable, Texts.Get("problem.databaseBusy.title"), Texts.Get("problem.databaseBusy.detail"));
            default:
                return Problem(StatusCodes.Status500InternalServerError, Texts.Get("problem.unexpected.title"), Texts.Get("problem.unexpected.detail"));
        }
    }

    private static void RetryAfter(HttpContext context, TimeSpan delay) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The database refused a value itself (22021 a character it cannot store, such as U+0000; 22P05 the same in jsonb;
    /// 22001 a string longer than its column): bad input that a validator let through, never a server fault. Raised
    /// by a query directly, by SaveChanges inside a DbUpdateException.
    /// </summary>
    private static PostgresException? BadData(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException
                {
                    SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.StringDataRightTruncation,
                } pg)
            {
                return pg;
            }
        }

        return null;
    }

    private static bool IsTransient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails UniqueViolation(PostgresException pg)
    {
        // Index names follow EF's ix_<table>_<column>: name the field it guards.
        var field = pg.ConstraintName is { } name && IndexColumn().Match(name) is { Success: true } m
            ? JsonNamingPolicy.CamelCase.ConvertName(string.Concat(m.Groups[1].Value.Split('_').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..])))
            : null;
        var p = Problem(StatusCodes.Status409Conflict, Texts.Get("problem.conflict.title"), Texts.Get("problem.unique.detail"));
        if (field is not null)
        {
            p.Extensions["field"] = field;
        }

        return p;
    }

    private static ProblemDetails FromBadHttpRequest(BadHttpRequestException ex, HttpContext context)
    {
        switch (ex.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return Problem(StatusCodes.Status413PayloadTooLarge, Texts.Get("problem.tooLarge.title"), ex.Message);
            case StatusCodes.Status415UnsupportedMediaType:
                // A body without Content-Type gets past routing to the body reader, whose message is the framework's
                // English ("Expected a supported JSON media type but got \"\"."): say what routing's 415 says instead.
                return Problem(StatusCodes.Status415UnsupportedMediaType, Texts.Get("problem.unsupportedMediaType.title"), UnsupportedMediaType.Detail(context));
        }

        if (ex.InnerException is JsonException je)
        {
            return Validation(new Dictionary<string, string[]> { [JsonPath.ToField(je.Path)] = [JsonPath.Describe(je)] }, Texts.Get("problem.json.detail"));
        }

        var bind = BindFailure().Match(ex.Message);
        if (bind.Success)
        {
            return Validation(new Dictionary<string, string[]> { [bind.Groups[1].Value] = [Texts.Format("field.invalidValue", ("value", bind.Groups[2].Value))] });
        }

        if (ex.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("Implicit body", StringComparison.Ordinal))
        {
            return Validation(new Dictionary<string, string[]> { ["$"] = [Texts.Get("field.bodyRequired")] });
        }

        return Problem(ex.StatusCode, Texts.Get("problem.badRequest.title"), Texts.Get("problem.badRequest.detail"));
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    [GeneratedRegex(@"^ix_[a-z]+?s_(.+)$")]
    private static partial Regex IndexColumn();

    [GeneratedRegex("Failed to bind parameter \"(?:[^\"]* )?(\\w+)\" from \"(.*)\"")]
    private static partial Regex BindFailure();
}
