using Grid.Contracts.Identity;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Authentication;

/// <summary>The authenticated caller of one request: the principal its key resolved to, and the key itself, which the
/// grain calls carry so the target's authentication filter resolves it again (cached) exactly as for any client.</summary>
public sealed record GridCaller(Principal Principal, string Key, string KeyId)
{
    private static readonly object ItemKey = new();

    public static GridCaller Of(HttpContext context) =>
        context.Items[ItemKey] as GridCaller ?? throw new InvalidOperationException("The request is not authenticated.");

    public static GridCaller? Find(HttpContext context) => context.Items[ItemKey] as GridCaller;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The rate-limit partition of the caller's force (the operator is its own).</summary>
    public string ForcePartition => Principal.Force?.Value ?? "operator";
}
