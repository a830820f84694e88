using System.Security.Claims;
using System.Text.Encodings.Web;
using Grid.Api.Limits;
using Grid.Api.Problems;
using Grid.Grains.Identity;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Api.Authentication;

/// <summary>
/// <c>Authorization: Bearer isg_…</c>: the grid's API keys, resolved by the same grain-side resolver the silo's
/// authentication filter uses (malformed keys are refused without a lookup; successes are cached for seconds).
/// A failure is counted against the source address (<see cref="BadKeyMonitor"/>); while an address is over its limit,
/// only keys resolved moments ago are accepted from it (colleagues behind the same NAT keep working) and anything else
/// is refused with 429 before any lookup.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyResolver keys, BadKeyMonitor badKeys, IOptions<GridApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GridApiKey";
    private const string BlockedItem = "grid.blocked-for";
    private const string RefusalItem = "grid.refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        var address = Context.Connection.RemoteIpAddress;
        var blocked = badKeys.BlockedFor(address);
        if (blocked is { } wait && keys.ResolveCached(BearerToken(header)) is null)
        {
            Context.Items[BlockedItem] = wait;
            return AuthenticateResult.Fail("too many failed sign-ins from this address");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            badKeys.Record(address, "not a bearer token");
            return AuthenticateResult.Fail("not a bearer token");
        }
        var key = BearerToken(header)!;
        if (!ApiKeyResolver.IsWellFormed(key))
        {
            badKeys.Record(address, "malformed key");
            return AuthenticateResult.Fail("malformed key");
        }
        RequestContext.Clear(); // the lookup is the silo's own: no caller's key rides on it
        var principal = await keys.ResolveAsync(key);
        if (principal is null)
        {
            badKeys.Record(address, "unknown, disabled or wrong key");
            return AuthenticateResult.Fail("unknown or disabled key");
        }
        if (ForceCertificate.Refusal(Context.Connection.ClientCertificate, principal.Force?.Value, api.Value.ClientCertificateForces) is { } refusal)
        {
            // A valid key over another force's certificate (or without the one its force requires) is a stolen-key symptom:
            // logged with the key id and address (not counted as a guessed key: the key itself is genuine).
            Logger.LogWarning("Refused key {KeyId} of {Principal} from {Address}: {Reason}", key.Split('_')[1], principal, address, refusal);
            Context.Items[RefusalItem] = refusal;
            return AuthenticateResult.Fail(refusal);
        }
        var caller = new GridCaller(principal, key, key.Split('_')[1]);
        caller.AttachTo(Context);
        var claims = new List<Claim> { new(ClaimTypes.Name, principal.ToString()), new("grid:key-id", caller.KeyId) };
        if (principal.Force is { } force) claims.Add(new Claim("grid:force", force.Value));
        if (principal.IsOperator) claims.Add(new Claim("grid:operator", "true"));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[BlockedItem] is TimeSpan wait)
        {
            Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0");
            await ProblemWriter.WriteAsync(Context, ProblemCodes.RateLimited, StatusCodes.Status429TooManyRequests,
                "Too many failed sign-ins from this address; wait before trying again.");
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer realm=\"identity-search-grid\"";
        await ProblemWriter.WriteAsync(Context, ProblemCodes.Unauthenticated, StatusCodes.Status401Unauthorized,
            Context.Items[RefusalItem] is string refusal ? refusal
            : Request.Headers.Authorization.Count == 0 ? "No API key: send Authorization: Bearer isg_…" : "The API key is malformed, unknown or disabled.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, ProblemCodes.AccessDenied, StatusCodes.Status403Forbidden, null);
}
