using Grid.Client;
using Grid.Portal.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grid.Portal.Pages;

/// <summary>A page behind sign-in: the session (the middleware guarantees one) and the grid's refusals as messages.</summary>
public abstract class PortalPageModel : PageModel
{
    public PortalSession Session => SessionMiddleware.Current(HttpContext)
        ?? throw new InvalidOperationException("The session middleware lets no request without a session reach this page.");

    /// <summary>A refusal or failure to show at the top of the page.</summary>
    public string? Error { get; set; }

    /// <summary>What the last action did.</summary>
    public string? Notice { get; set; }

    /// <summary>Runs a grid call; a refusal becomes <see cref="Error"/> with the grid's stable code, so the examiner sees why.</summary>
    protected async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (GridException e)
        {
            Error = Describe(e);
            return false;
        }
    }

    public static string Describe(GridException e) => $"{e.Message} ({e.Code})";
}
