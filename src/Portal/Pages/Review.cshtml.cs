namespace Grid.Portal.Pages;

/// <summary>The review queue (filled in once the grid's case API is merged).</summary>
public sealed class ReviewModel : PortalPageModel
{
    public void OnGet()
    {
    }
}
