namespace Grid.Contracts.Identity;

/// <summary>
/// The grid's Orleans <see cref="RequestContext"/> keys and accessors. A client's outgoing filter
/// puts its API key under <see cref="ApiKeyKey"/>; the silo's authentication filter then
/// overwrites <see cref="PrincipalKey"/> and <see cref="OriginKey"/> on every incoming call, so
/// inside a grain method these values are the filter's, never the caller's.
/// </summary>
public static class GridRequestContext
{
    public const string ApiKeyKey = "grid.api-key";
    public const string InternalTicketKey = "grid.internal-ticket";
    public const string PrincipalKey = "grid.principal";
    public const string OriginKey = "grid.origin";

    private const string InternalOrigin = "internal";
    private const string ClientOrigin = "client";

    /// <summary>The authenticated caller, or null for silo-internal work that no user started.</summary>
    public static Principal? Principal => RequestContext.Get(PrincipalKey) as Principal;

    /// <summary>True when the current call came from a silo with a valid internal ticket.</summary>
    public static bool IsInternalCall => RequestContext.Get(OriginKey) as string == InternalOrigin;

    /// <summary>Client side: attach the caller's API key to calls made from this async flow.</summary>
    public static void SetApiKey(string apiKey) => RequestContext.Set(ApiKeyKey, apiKey);

    public static string? ApiKey => RequestContext.Get(ApiKeyKey) as string;

    public static string? InternalTicket => RequestContext.Get(InternalTicketKey) as string;

    public static Principal RequirePrincipal() =>
        Principal ?? throw new GridAccessDeniedException("This call needs an authenticated caller.");

    /// <summary>The caller, who must be a user of <paramref name="force"/> holding <paramref name="role"/>.</summary>
    public static Principal RequireRole(ForceId force, Role role)
    {
        var principal = RequirePrincipal();
        return principal.Acts(force, role)
            ? principal
            : throw new GridAccessDeniedException($"{principal} is not a {role} of {force}.");
    }

    public static Principal RequireOperator()
    {
        var principal = RequirePrincipal();
        return principal.IsOperator
            ? principal
            : throw new GridAccessDeniedException($"{principal} is not the grid operator.");
    }

    public static void RequireInternalCall()
    {
        if (!IsInternalCall)
        {
            throw new GridAccessDeniedException("Only silos may make this call.");
        }
    }

    /// <summary>Silo side, for the authentication filter only: mark the current call as from a client.</summary>
    public static void EnterClientCall(Principal principal)
    {
        RequestContext.Set(PrincipalKey, principal);
        RequestContext.Set(OriginKey, ClientOrigin);
        RequestContext.Remove(InternalTicketKey);
    }

    /// <summary>Silo side, for the authentication filter only: mark the current call as internal.</summary>
    public static void EnterInternalCall() => RequestContext.Set(OriginKey, InternalOrigin);
}
