using Grid.Contracts.Identity;

namespace Grid.Grains.Identity;

/// <summary>
/// Silo side, outgoing: stamps every call to a grid grain with a fresh internal ticket for exactly
/// that target, method, principal and arguments, and drops the client's API key so it never travels between
/// silos. The principal in the request context flows on unchanged: that is how a shard learns who searches.
/// One exception: a call the HTTPS front door makes for a member (outside any grain, carrying the member's API key)
/// gets no ticket, so the target's authentication filter treats it exactly like a client call — the key is resolved
/// there, and internal grains and silo-only methods stay out of reach whatever the front door asks.
/// </summary>
public sealed class InternalTicketFilter(InternalCallTicket tickets, CallDigest digest, TimeProvider clock) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (GridGrainInterfaces.Governs(context.InterfaceMethod?.DeclaringType) && !IsFrontDoorCall(context))
        {
            RequestContext.Set(GridRequestContext.InternalTicketKey, tickets.Stamp(
                context.TargetId.ToString(), context.MethodName, GridRequestContext.Principal, digest.Of(context.Request), clock.GetUtcNow()));
            RequestContext.Remove(GridRequestContext.ApiKeyKey);
        }

        return context.Invoke();
    }

    // Grain code never carries an API key (the incoming filter drops it once resolved, and every grain's own outgoing
    // calls are stamped here), so "no grain context and a key" is the front door.
    private static bool IsFrontDoorCall(IOutgoingGrainCallContext context) =>
        context.SourceContext is null && GridRequestContext.ApiKey is not null;
}
