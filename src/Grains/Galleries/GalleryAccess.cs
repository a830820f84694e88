using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Grains.Galleries;

/// <summary>Who may act on a gallery: silo code (internal calls), or a user of the owning force with the role
/// the action needs. The operator manages galleries but is never a searcher or enroller of one.</summary>
public static class GalleryAccess
{
    public static void Require(GalleryId gallery, Role role, bool operatorAllowed = false)
    {
        if (GridRequestContext.IsInternalCall && GridRequestContext.Principal is null) return;
        var principal = GridRequestContext.RequirePrincipal();
        if (operatorAllowed && principal.IsOperator) return;
        if (principal.Force?.Value == gallery.Force && principal.Has(role)) return;
        throw new GridAccessDeniedException($"{principal} may not act as {role} on {gallery}: that needs a {role} of {gallery.Force}.");
    }

    /// <summary>Reading a gallery's configuration and counts: its own force's users, the operator, or silo code.</summary>
    public static void RequireReader(GalleryId gallery)
    {
        if (GridRequestContext.IsInternalCall) return;
        var principal = GridRequestContext.RequirePrincipal();
        if (principal.IsOperator || principal.Force?.Value == gallery.Force) return;
        throw new GridAccessDeniedException($"{principal} may not read {gallery}, a gallery of {gallery.Force}.");
    }
}
