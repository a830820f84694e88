namespace Grid.Portal.Pages;

/// <summary>The follow-ups (filled in once the grid's follow-up API is merged).</summary>
public sealed class FollowUpsModel : PortalPageModel
{
    public void OnGet()
    {
    }
}
