using Grid.Api.Authentication;
using Grid.Contracts.Identity;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Endpoints;

/// <summary>Every /v1 handler runs with the caller's key in the Orleans request context and nothing else: the grains it
/// calls resolve that key in their authentication filter, exactly as they would for any client, so the door can never
/// lend a member more than its key allows (see InternalTicketFilter's front-door rule).</summary>
public static class GridCallScope
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var caller = GridCaller.Of(invocation.HttpContext);
        RequestContext.Clear();
        GridRequestContext.SetApiKey(caller.Key);
        try
        {
            return await next(invocation);
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
