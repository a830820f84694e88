using System.Net;
using Grid.Contracts.Errors;
using Grid.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Grid.Grains.Tests.Placement;

/// <summary>
/// The placement policy over what a silo knows of the others' labels. A silo whose metadata has not arrived yet
/// (Orleans fetches it a moment after membership lists the silo) is neither its force's nor the shared pool's: taking
/// it for the shared pool put force-pinned and shared grains on the wrong silos while a silo joined.
/// </summary>
public sealed class PlacementLabelTests
{
    private static readonly SiloAddress Shared = Silo(1), Unknown = Silo(2), Nl = Silo(3);

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11_110 + n), n);

    private static ForcePinnedPlacementDirector Director(params string[] pinnedForces)
    {
        var services = new ServiceCollection().AddOptions()
            .Configure<GridPlacementOptions>(o => o.PinnedForces = pinnedForces).BuildServiceProvider();
        return new ForcePinnedPlacementDirector(services, new PinnedForces(services.GetRequiredService<IOptions<GridPlacementOptions>>()),
            services.GetRequiredService<IOptionsMonitor<GridPlacementOptions>>(), NullLogger<ForcePinnedPlacementDirector>.Instance);
    }

    private static readonly SiloPlacementInfo[] View =
    [
        new(Shared, Known: true, Label: null, OwnAccount: false),
        new(Unknown, Known: false, Label: null, OwnAccount: false),
        new(Nl, Known: true, Label: "NL", OwnAccount: false),
    ];

    [Fact]
    public void A_silo_with_unknown_labels_is_not_the_shared_pool()
    {
        Assert.Equal([Shared], Director().Eligible(SharedPoolPlacement.Instance, "FR/g/0", View));
        Assert.Equal([Shared], Director().Eligible(ForcePinnedPlacement.Instance, "FR/g/0", View));
    }

    [Fact]
    public void A_forces_shards_go_only_to_its_known_silos()
    {
        Assert.Equal([Nl], Director().Eligible(ForcePinnedPlacement.Instance, "NL/g/0", View));
    }

    [Fact]
    public void A_pinned_force_whose_only_silo_is_not_known_yet_is_refused_not_moved_to_the_shared_pool()
    {
        var view = View.Select(s => s.Silo == Nl ? s with { Known = false } : s).ToArray();
        Assert.Throws<ForceSilosUnavailableException>(() => Director("NL").Eligible(ForcePinnedPlacement.Instance, "NL/g/0", view));
    }

    [Fact]
    public void A_grid_without_labels_treats_every_silo_as_the_shared_pool()
    {
        var director = Director();
        var view = director.Describe([Shared, Unknown, Nl]);
        Assert.All(view, s => Assert.True(s.Known && s.Label is null));
        Assert.Equal([Shared, Unknown, Nl], director.Eligible(ForcePinnedPlacement.Instance, "FR/g/0", view));
    }
}
