namespace Grid.Portal.Sessions;

/// <summary>
/// Every page but sign-in needs a live session. No cookie: to sign-in. A cookie whose session ended (idle, sign-out,
/// portal restart): to sign-in with a message saying so, and the stale cookie is deleted.
/// </summary>
public sealed class SessionMiddleware(RequestDelegate next, SessionStore sessions)
{
    /// <summary><c>__Host-</c>: the browser accepts it only Secure, for path / and with no domain.</summary>
    public const string CookieName = "__Host-grid-portal";

    private const string ItemKey = "grid-portal-session";

    public static PortalSession? Current(HttpContext context) => context.Items[ItemKey] as PortalSession;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var open = path.StartsWithSegments("/SignIn", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/css")
            || path.Equals("/portal.css", StringComparison.Ordinal) || path.StartsWithSegments("/favicon.ico");
        var cookie = context.Request.Cookies[CookieName];
        var session = sessions.Find(cookie);
        if (session is not null)
        {
            context.Items[ItemKey] = session;
        }
        else if (!open)
        {
            if (cookie is not null) context.Response.Cookies.Delete(CookieName, Options(context));
            context.Response.Redirect(cookie is null ? "/SignIn" : "/SignIn?expired=true");
            return;
        }
        await next(context);
    }

    /// <summary>HttpOnly, Secure, SameSite=Strict, session-lifetime (no Expires): it carries only the random session id.</summary>
    public static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
