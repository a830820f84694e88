using Grid.Portal.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages;

/// <summary>Ends the session: the key, client, photos and results are dropped from the portal's memory.</summary>
public sealed class SignOutModel(SessionStore sessions) : PortalPageModel
{
    public IActionResult OnGet() => Redirect("/Search");

    public IActionResult OnPost()
    {
        sessions.End(Session.Id);
        Response.Cookies.Delete(SessionMiddleware.CookieName, SessionMiddleware.Options(HttpContext));
        return Redirect("/SignIn");
    }
}
