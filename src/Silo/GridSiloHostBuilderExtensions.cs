using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Grid.Contracts.Hosting;
using Grid.Grains;
using Grid.Grains.Backup;
using Grid.Grains.Diagnostics;
using Grid.Grains.Identity;
using Grid.Grains.Placement;
using Grid.Grains.Storage;
using Grid.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Grid.Silo;

public static class GridSiloHostBuilderExtensions
{
    /// <summary>A grid silo: Azure Table clustering and Azure Blob storage (Azurite locally), loopback endpoints, no client
    /// gateway, mutual TLS between silos (only certificates of the grid's CA), force label as silo metadata,
    /// force-pinned placement, metrics, and (when asked for) the Orleans Dashboard.</summary>
    public static IHostApplicationBuilder UseGridSilo(this IHostApplicationBuilder builder, SiloOptions options, GridTls tls)
    {
        var blobs = new BlobServiceClient(options.Storage);
        builder.Services.AddSingleton(blobs);
        builder.Services.AddSingleton(options);
        builder.Services.AddGridGrains();
        builder.Services.AddGridBackup();
        RequireOwnAccountOnly(builder, options.Force);
        builder.Services.AddOptions<GridPlacementOptions>()
            .BindConfiguration(GridPlacementOptions.Section)
            .Configure(o => o.AllowFallback = options.AllowFallback ?? o.AllowFallback);
        builder.Services.AddHostedService(sp => new PinnedForceRegistry(
            blobs, options.Force, sp.GetRequiredService<PinnedForces>(), sp.GetRequiredService<ForceStorage>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PinnedForceRegistry>>()));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = GridCluster.ServiceId;
            });
            // Gateway port 0: no client gateway. Every process with gateway access would be inside the trust boundary.
            if (options.AdvertiseIp is { } advertise)
                silo.ConfigureEndpoints(IPAddress.Parse(advertise), options.SiloPort, gatewayPort: 0, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, gatewayPort: 0, listenOnAnyHostAddress: false);
            silo.UseTls(tls.Certificate, o =>
            {
                o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                // Silos dial each other by address, so the name is not what proves a peer: issuance by the grid's CA is.
                o.RemoteCertificateValidation = (certificate, _, _) => tls.IsIssuedByGrid(certificate);
                o.OnAuthenticateAsClient = (_, auth) => auth.TargetHost = "grid-silo";
            });
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.Storage));
            silo.AddAzureBlobGrainStorage(GridStorage.GrainStateStore, o =>
            {
                o.BlobServiceClient = blobs;
                // A force's review data (subject records, follow-ups) in its own account where it has one.
                o.BuildContainerFactory = (services, options) => new ForceBlobContainerFactory(services.GetRequiredService<ForceStorage>(), options.ContainerName);
            });
            silo.AddGridSecurity();

            // The force label travels as Orleans silo metadata; every silo runs the same placement director.
            // The presence key lets other silos tell "labels not learnt yet" from "unlabelled" (the shared pool).
            var metadata = new Dictionary<string, string> { [ForceLabel.PresenceMetadataKey] = "1" };
            if (options.Force is not null) metadata[ForceLabel.MetadataKey] = options.Force;
            if (options.Force is not null && builder.Configuration[$"{ForceStorageOptions.Section}:Accounts:{options.Force}"] is { Length: > 0 })
                metadata[ForceLabel.OwnStorageMetadataKey] = "own";
            silo.UseSiloMetadata(metadata);
            silo.Services.UseSharedPoolAsDefaultPlacement();
            silo.AddIncomingGrainCallFilter<GridMetricsCallFilter>();
            // A search's trace follows it from the API through the coordinator to every shard, on any silo. Only where
            // spans are recorded: otherwise its two filters on every grain call carried a context nothing reads.
            if (TelemetryOptions.From(builder.Configuration).TracesOn()) silo.AddActivityPropagation();
            if (options.Liveness == "fast") silo.Configure<ClusterMembershipOptions>(FastLiveness);
            if (options.DashboardPort > 0) silo.AddDashboard();
        });
        // Registered after Orleans, so it runs once the silo is up.
        builder.Services.AddHostedService<OperatorBootstrap>();
        return builder;
    }

    /// <summary>A force's own storage account (<c>Grid__ForceStorage__Accounts__F</c>, a secret like the force's ticket key,
    /// so from the environment, never the command line) is given only to that force's silos; a silo handed another
    /// force's account would host none of its grains and must not hold its key, so it refuses to start.</summary>
    private static void RequireOwnAccountOnly(IHostApplicationBuilder builder, string? force)
    {
        var held = builder.Configuration.GetSection(ForceStorageOptions.Section + ":Accounts").GetChildren().Select(c => c.Key).ToArray();
        var foreign = held.Where(f => f != force).ToArray();
        if (foreign.Length > 0)
            throw new InvalidOperationException(
                $"This silo ({(force is null ? "shared pool" : "force " + force)}) was given the storage account of {string.Join(", ", foreign)}; " +
                "only a force's own silos (--force F) may hold F's account (Grid__ForceStorage__Accounts__F).");
    }

    /// <summary>
    /// Failure detection for a local cluster on one machine (<c>--liveness fast</c>, what grid.sh and the
    /// cluster tests use): a silo that stops answering is probed every second, suspected after 2 missed probes
    /// and declared dead on one vote, so a SIGKILLed silo's grains can reactivate elsewhere after about 3–8 s
    /// instead of the production defaults' ~30–60 s. Do not use across a real network: a GC pause or a slow
    /// link would get healthy silos evicted.
    /// </summary>
    private static void FastLiveness(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }
}
