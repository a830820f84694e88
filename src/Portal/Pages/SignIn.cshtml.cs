using System.Globalization;
using Grid.Client;
using Grid.Portal.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grid.Portal.Pages;

/// <summary>Sign-in with a force user's API key; the browser gets only a random session id.</summary>
public sealed class SignInModel(SessionStore sessions) : PageModel
{
    [BindProperty]
    public string? ApiKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    public string? Error { get; private set; }

    public string IdleMinutes => sessions.IdleTimeout.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Expired = false;
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            Error = "Enter your API key.";
            return Page();
        }
        try
        {
            var session = await sessions.SignInAsync(ApiKey.Trim(), cancellationToken);
            if (Request.Cookies[SessionMiddleware.CookieName] is { } old) sessions.End(old);
            Response.Cookies.Append(SessionMiddleware.CookieName, session.Id, SessionMiddleware.Options(HttpContext));
            return Redirect("/Search");
        }
        catch (GridException e)
        {
            Error = e.Status is 401 or 403
                ? $"The grid refused this key: {e.Message} ({e.Code}). Check it with your force's administrator."
                : $"The grid could not be reached or refused the sign-in: {e.Message} ({e.Code}).";
            return Page();
        }
        finally
        {
            ApiKey = null;
        }
    }
}
