using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Grid.Contracts.Hosting;
using Grid.Grains;
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
        });
        return builder;
    }
}
