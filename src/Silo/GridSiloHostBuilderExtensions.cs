using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Grid.Contracts.Hosting;
using Grid.Grains;
using Grid.Grains.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Grid.Silo;

public static class GridSiloHostBuilderExtensions
{
    /// <summary>A grid silo: Azure Table clustering and Azure Blob storage (Azurite locally), loopback endpoints.</summary>
    public static HostApplicationBuilder UseGridSilo(this HostApplicationBuilder builder, SiloOptions options)
    {
        var blobs = new BlobServiceClient(options.Storage);
        builder.Services.AddSingleton(blobs);
        builder.Services.AddSingleton(options);
        builder.Services.AddGridGrains();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = GridCluster.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.Storage));
            silo.AddAzureBlobGrainStorage(GridStorage.GrainStateStore, o => o.BlobServiceClient = blobs);
            silo.AddGridSecurity();
        });
        // Registered after Orleans, so it runs once the silo is up.
        builder.Services.AddHostedService<OperatorBootstrap>();
        return builder;
    }
}
