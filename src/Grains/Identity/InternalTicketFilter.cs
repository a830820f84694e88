using Grid.Contracts.Identity;

namespace Grid.Grains.Identity;

/// <summary>
/// Silo side, outgoing: stamps every call to a grid grain with a fresh internal ticket for exactly
/// that target, method, principal and arguments, and drops the client's API key so it never travels between
/// silos. The principal in the request context flows on unchanged: that is how a shard learns who searches.
/// </summary>
public sealed class InternalTicketFilter(InternalCallTicket tickets, CallDigest digest, TimeProvider clock) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (GridGrainInterfaces.Governs(context.InterfaceMethod?.DeclaringType))
        {
            RequestContext.Set(GridRequestContext.InternalTicketKey, tickets.Stamp(
                context.TargetId.ToString(), context.MethodName, GridRequestContext.Principal, digest.Of(context.Request), clock.GetUtcNow()));
            RequestContext.Remove(GridRequestContext.ApiKeyKey);
        }

        return context.Invoke();
    }
}
