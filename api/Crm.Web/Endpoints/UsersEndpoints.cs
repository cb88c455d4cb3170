using Crm.Application.Departments.CreateDepartment;
using Crm.Application.Departments.GetDepartment;
using Crm.Application.Departments.ListDepartments;
using Crm.Application.Users.CreateUser;
using Crm.Application.Users.GetUser;
using Crm.Application.Users.ListUserDirectory;
using Crm.Application.Users.ListUsers;
using Crm.Application.Users.PatchUser;
using Crm.Contracts.Common;
using Crm.Contracts.Users;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;

namespace Crm.Web.Endpoints;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Admin);

        users.MapGet("/", async (IMediator mediator, CancellationToken ct, int? limit, string? cursor, bool? active) =>
                TypedResults.Ok(await mediator.Send(new ListUsers { Limit = limit ?? Application.Common.Paging.DefaultLimit, Cursor = cursor, Active = active }, ct)))
            .WithName("ListUsers")
            .WithSummary("List users (Admin)")
            .ProducesValidationProblem();

        users.MapPost("/", async (CreateUserRequest input, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateUser(input), ct);
                return ETags.Created(http, $"/api/v1/users/{created.Value.Id}", created);
            })
            .Idempotent()
            .WithName("CreateUser")
            .WithSummary("Create a user (Admin)")
            .Produces<UserResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        users.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetUser(id), ct)))
            .WithName("GetUser")
            .WithSummary("Get a user (Admin)")
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPatch("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var patch = await MergePatchBody.ReadAsync(http.Request, ct);
                return ETags.Ok(http, await mediator.Send(new PatchUser(id, patch, ETags.IfMatch(http.Request)), ct));
            })
            .AcceptsMergePatch<UpdateUserRequest>()
            .WithName("PatchUser")
            .WithSummary("Rename, change roles or department, deactivate or reactivate a user (Admin)")
            .WithDescription("`{ \"active\": false }` deactivates: sign-in stops and refresh tokens are revoked. `{ \"roles\": [\"Sales\"] }` replaces the roles.")
            .Produces<UserResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        // Outside the Admin group: everyone who reads customers needs their owners' names.
        app.MapGet("/api/v1/users/directory", async (IMediator mediator, CancellationToken ct, int? limit, string? cursor, bool? active) =>
                TypedResults.Ok(await mediator.Send(new ListUserDirectory { Limit = limit ?? Application.Common.Paging.DefaultLimit, Cursor = cursor, Active = active }, ct)))
            .RequireAuthorization(Policies.CustomersRead)
            .WithTags("Users")
            .WithName("ListUserDirectory")
            .WithSummary("List the people who can own customers")
            .WithDescription("The user directory: every user's id, name and whether they are active, and nothing else (no emails, roles or sign-in details), for showing and choosing a customer's owner (`ownerId` must be one of these ids). Readable by every role that reads customers and by API tokens with `customers:read`; managing users stays with Admins (`GET /users`). Keyset-paginated, ordered by name as people read them (the order customer names sort in), then id. `active=true` lists only users who can be given new customers; deactivated users still own theirs.")
            .ProducesValidationProblem();

        var departments = app.MapGroup("/api/v1/departments").WithTags("Departments").RequireAuthorization(Policies.DepartmentsRead);

        departments.MapGet("/", async (IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListDepartments { Limit = limit ?? Application.Common.Paging.DefaultLimit, Cursor = cursor }, ct)))
            .WithName("ListDepartments")
            .WithSummary("List departments")
            .WithDescription("HR, Finance, Facilities, IT, Supply chain, Sales, Support and Marketing are seeded; Admins add more. Readable by every signed-in user and by API tokens with `tickets:read` (departments are the queues internal tickets go to). By name as people read them, then id; keyset-paginated like every list (`limit` 1–200, default 50; pass `nextCursor` back as `cursor`).")
            .Produces<Page<DepartmentResponse>>()
            .ProducesValidationProblem();

        departments.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetDepartment(id), ct)))
            .WithName("GetDepartment")
            .WithSummary("Get a department")
            .WithDescription("Readable by every signed-in user and by API tokens with `tickets:read`. Returns a strong `ETag`; with `If-None-Match` holding it, a 304.")
            .Produces<DepartmentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        departments.MapPost("/", async (CreateDepartmentRequest input, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateDepartment(input), ct);
                return ETags.Created(http, $"/api/v1/departments/{created.Value.Id}", created);
            })
            .RequireAuthorization(Policies.Admin)
            .Idempotent()
            .WithName("CreateDepartment")
            .WithSummary("Create a department (Admin)")
            .WithDescription("Names are unique ignoring case, accents and repeated, leading or trailing spaces: with \"Finanças\" in place, \" financas \" is a 409 naming `name` that links the existing department.")
            .Produces<DepartmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}
