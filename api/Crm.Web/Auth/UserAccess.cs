using System.Collections.Concurrent;
using System.Security.Claims;
using Crm.Application.Common;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Auth;

/// <summary>
/// Checks an access token against its user as they are now. A token carries the roles its user had when it was issued
/// and stays valid for its lifetime (15 minutes); without this check a deactivated Admin, or one whose Admin role was
/// taken away, kept every right for that long, enough to create another Admin. A token is refused when its user is
/// unknown or deactivated, or holds other roles than the token says (the web app then refreshes it: a deactivated
/// user's refresh tokens are revoked, and a refresh issues the current roles).
/// <para>
/// Each user's state is read from the database at most once per <see cref="RefreshEvery"/> per replica, and at once after
/// a change on this replica (<see cref="Forget"/>): a request costs a dictionary lookup, not a round trip. A change made
/// on another replica is seen here within <see cref="RefreshEvery"/>.
/// </para>
/// </summary>
public sealed class UserAccess(IServiceScopeFactory scopes, TimeProvider clock) : IUserAccess
{
    /// <summary>How old a user's state may grow before it is read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private static readonly Wording RolesChanged = new("auth.rolesChanged");

    private readonly ConcurrentDictionary<Guid, State> users = new();

    /// <summary>Why the token of <paramref name="principal"/> no longer holds, or null when it does.</summary>
    public async ValueTask<Wording?> RefusalAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirst("sub")?.Value, out var id))
        {
            return new Wording("auth.tokenNoUser");
        }

        if (!users.TryGetValue(id, out var state) || clock.GetElapsedTime(state.ReadAt) >= RefreshEvery)
        {
            state = await ReadAsync(id, ct);
            users[id] = state;
        }

        if (!state.Active)
        {
            return new Wording("auth.tokenUserGone");
        }

        var held = 0;
        foreach (var claim in principal.FindAll("role"))
        {
            if (Array.IndexOf(state.Roles, claim.Value) < 0)
            {
                return RolesChanged;
            }

            held++;
        }

        return held == state.Roles.Length ? null : RolesChanged;
    }

    public void Forget(Guid userId) => users.TryRemove(userId, out _);

    private async Task<State> ReadAsync(Guid id, CancellationToken ct)
    {
        var started = clock.GetTimestamp(); // aged from before the read: a change committed during it is read next time
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Active, u.Roles }).FirstOrDefaultAsync(ct);
        return new State(user?.Active ?? false, user is null ? [] : [.. user.Roles.Distinct(StringComparer.Ordinal)], started);
    }

    private sealed record State(bool Active, string[] Roles, long ReadAt);
}

/// <summary>A bearer token refused (by <see cref="UserAccess"/>, or an unknown, revoked or expired API token); its reason is the 401's detail.</summary>
public sealed class UserAccessRefusedException(Wording reason) : Exception(reason.In(Texts.English))
{
    public Wording Reason { get; } = reason;
}
