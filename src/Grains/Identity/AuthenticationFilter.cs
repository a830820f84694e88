using System.Reflection;
using Grid.Contracts.Identity;

namespace Grid.Grains.Identity;

/// <summary>
/// Silo side, incoming, on every call to a grid grain. A call with an internal ticket must carry
/// a valid one for this target, method, principal and these arguments (else it is a forgery or a replay and is
/// refused) and keeps the principal it carries. Any other
/// call is a client's: it may not reach an <see cref="InternalGrainAttribute"/> interface, and its
/// API key is resolved to the principal that the grain will see; whatever principal or origin the
/// client put in its request context is overwritten.
/// </summary>
public sealed class AuthenticationFilter(
    InternalCallTicket tickets, CallDigest digest, PrincipalCache cache, IGrainFactory grains, TimeProvider clock) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!GridGrainInterfaces.Governs(context.InterfaceMethod?.DeclaringType))
        {
            // Orleans' own grains: not ours to govern (see GridGrainInterfaces).
            await context.Invoke();
            return;
        }

        var ticket = GridRequestContext.InternalTicket;
        if (ticket is not null)
        {
            if (!tickets.Verify(ticket, context.TargetId.ToString(), context.MethodName, GridRequestContext.Principal, digest.Of(context.Request), clock.GetUtcNow()))
            {
                throw new GridAccessDeniedException("Invalid internal ticket: the call is refused.");
            }

            GridRequestContext.EnterInternalCall();
            await context.Invoke();
            return;
        }

        var grainInterface = context.InterfaceMethod!.DeclaringType!;
        if (grainInterface.GetCustomAttribute<InternalGrainAttribute>() is not null)
        {
            throw new GridAccessDeniedException($"{grainInterface.Name} is internal to the grid; clients cannot call it.");
        }

        RequestContext.Remove(GridRequestContext.PrincipalKey);
        var principal = await ResolveAsync(GridRequestContext.ApiKey)
            ?? throw new GridAccessDeniedException("Unknown or disabled API key.");
        GridRequestContext.EnterClientCall(principal);
        await context.Invoke();
    }

    private async Task<Principal?> ResolveAsync(string? key)
    {
        if (!ApiKeyHasher.TryGetKeyId(key, out var keyId))
        {
            return null;
        }

        var hash = ApiKeyHasher.Hash(key!);
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var principal = await grains.GetGrain<IApiKeyGrain>(keyId).ResolveAsync(hash);
        if (principal is not null)
        {
            cache.Add(hash, principal);
        }

        return principal;
    }
}
