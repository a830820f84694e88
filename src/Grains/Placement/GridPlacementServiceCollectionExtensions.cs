using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Grid.Grains.Placement;

public static class GridPlacementServiceCollectionExtensions
{
    /// <summary>The director for <see cref="ForcePinnedPlacement"/> (needed wherever GalleryShardGrain is hosted).</summary>
    public static IServiceCollection AddForcePinnedPlacement(this IServiceCollection services)
    {
        services.AddOptions<GridPlacementOptions>();
        services.TryAddSingleton<PinnedForces>();
        services.TryAddSingleton<ForcePinnedPlacementDirector>();
        if (services.Any(d => d.ServiceType == typeof(ForcePinnedPlacementMarker))) return services;
        services.AddSingleton<ForcePinnedPlacementMarker>();
        services.AddPlacementDirector<ForcePinnedPlacement>(sp => sp.GetRequiredService<ForcePinnedPlacementDirector>());
        services.AddPlacementDirector<SharedPoolPlacement>(sp => sp.GetRequiredService<ForcePinnedPlacementDirector>());
        return services;
    }

    /// <summary>Makes <see cref="SharedPoolPlacement"/> the default for every grain class without a placement
    /// attribute. Call inside <c>UseOrleans</c> (after Orleans registered its own default).</summary>
    public static IServiceCollection UseSharedPoolAsDefaultPlacement(this IServiceCollection services)
    {
        services.AddForcePinnedPlacement();
        services.AddSingleton<PlacementStrategy>(SharedPoolPlacement.Instance);
        return services;
    }

    private sealed class ForcePinnedPlacementMarker;
}
