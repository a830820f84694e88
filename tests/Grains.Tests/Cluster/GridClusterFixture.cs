using System.Security.Cryptography;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Grid.Grains.Tests.Cluster;

/// <summary>
/// One in-process silo with memory storage "grid" and the grid's security, plus an external
/// client. <see cref="Silo"/> is the silo's own grain factory: calls through it are internal,
/// as the search coordinator's would be.
/// </summary>
public sealed class GridClusterFixture : IAsyncLifetime
{
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices { get; private set; } = null!;

    public IGrainFactory Silo => SiloServices.GetRequiredService<IGrainFactory>();

    public string OperatorKey { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("grid")
            .AddGridSecurity(o => o.ClusterSecret = _secret));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        SiloServices = Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress);

        RequestContext.Clear();
        var issued = await Silo.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("ops");
        OperatorKey = issued!.Key;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Acts as the holder of <paramref name="key"/> for the client calls that follow in this async flow.</summary>
    public static void As(string key)
    {
        RequestContext.Clear();
        GridRequestContext.SetApiKey(key);
    }

    /// <summary>Acts as silo code working for <paramref name="principal"/> (what the filter leaves behind).</summary>
    public static void Internally(Principal? principal)
    {
        RequestContext.Clear();
        if (principal is not null)
        {
            RequestContext.Set(GridRequestContext.PrincipalKey, principal);
        }
    }
}
