using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Grid.Grains.Tests.Cluster;

/// <summary>
/// One in-process silo with memory storage "grid" and the grid's security, plus an external
/// client; blob stores (audit logs) on a real Azurite started for the run. <see cref="Silo"/> is the silo's own grain factory: calls through it are internal,
/// as the search coordinator's would be.
/// </summary>
public sealed class GridClusterFixture : IAsyncLifetime
{
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The cluster secret of this run's silos; a restarted grid needs the same one (audit keys derive from it).</summary>
    public string Secret => _secret;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public AuditAzurite Azurite { get; private set; } = null!;

    /// <summary>The Azurite all silos of this run use, also for tests that inspect blobs directly.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices { get; private set; } = null!;

    public IGrainFactory Silo => SiloServices.GetRequiredService<IGrainFactory>();

    public string OperatorKey { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Azurite = await AuditAzurite.StartAsync();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        Cluster = await StartClusterAsync(Blobs, _secret);
        SiloServices = Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress);

        RequestContext.Clear();
        var issued = await Silo.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("ops");
        OperatorKey = issued!.Key;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A one-silo cluster on <paramref name="blobs"/>; a second one on the same blobs is a restarted grid.</summary>
    public static async Task<InProcessTestCluster> StartClusterAsync(BlobServiceClient blobs, string secret)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(blobs);
            silo.Services.AddGridGrains();
            silo.AddMemoryGrainStorage("grid").AddGridSecurity(o => o.ClusterSecret = secret);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

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
