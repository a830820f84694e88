using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages;

/// <summary>The portal starts at search by photo.</summary>
public sealed class IndexModel : PortalPageModel
{
    public IActionResult OnGet() => Redirect("/Search");
}
