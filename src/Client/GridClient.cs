using System.Diagnostics;
using Azure.Data.Tables;
using Grid.Client.Files;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Grid.Client;

/// <summary>
/// A member force's connection to the grid. Thread-safe; create one per process and dispose it at the end.
/// Every call carries the options' API key; what the grid lets the caller do follows from that key alone.
/// </summary>
public sealed partial class GridClient : IAsyncDisposable
{
    public const int DefaultBatchSize = 1000;

    private readonly IHost _host;
    private readonly IClusterClient _cluster;

    private GridClient(IHost host)
    {
        _host = host;
        _cluster = host.Services.GetRequiredService<IClusterClient>();
    }

    public static async Task<GridClient> ConnectAsync(GridClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GridClientOptions();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // A client host that failed to start is not restarted: each attempt builds a fresh one.
            var host = BuildHost(options);
            try
            {
                await host.StartAsync(cancellationToken);
                return new GridClient(host);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                host.Dispose();
                if (deadline.Elapsed > options.ConnectTimeout)
                    throw new GridUnavailableException(
                        $"No grid silo answered within {options.ConnectTimeout.TotalSeconds:0} s ({e.Message}). Start one with `./grid.sh up`.", e);
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    private static IHost BuildHost(GridClientOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = Contracts.Hosting.GridCluster.ServiceId;
            });
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.Storage));
            if (options.ApiKey is { } key)
                client.AddOutgoingGrainCallFilter(call =>
                {
                    GridRequestContext.SetApiKey(key);
                    return call.Invoke();
                });
        });
        return builder.Build();
    }

    public Task<GalleryInfo> CreateGalleryAsync(GalleryId id, GalleryConfig config)
    {
        id.Validate();
        return Gallery(id).CreateAsync(config);
    }

    public Task<EnrolResult> EnrolAsync(GalleryId id, EnrolBatch batch, CancellationToken cancellationToken = default) =>
        Gallery(id).EnrolAsync(batch, cancellationToken);

    /// <summary>Enrols every row in batches, one batch acknowledged before the next is sent. Stops at the first
    /// failure or cancellation with a <see cref="BulkEnrolInterruptedException"/> saying exactly how far it got.</summary>
    public async Task<EnrolResult> EnrolBulkAsync(
        GalleryId id, string[] subjectRefs, TemplateSet templates, string modelId,
        int batchSize = DefaultBatchSize, int skip = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (subjectRefs.Length != templates.Rows)
            throw new ArgumentException($"{subjectRefs.Length} subjectRefs for {templates.Rows} templates; they must match.");
        if (skip < 0 || skip > templates.Rows)
            throw new ArgumentException($"--skip {skip} is outside the file's {templates.Rows} rows.");
        var total = EnrolResult.None;
        var done = skip;
        try
        {
            while (done < templates.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(batchSize, templates.Rows - done);
                var batch = new EnrolBatch(subjectRefs[done..(done + count)], templates.Slice(done, count), modelId);
                total = total.Plus(await Gallery(id).EnrolAsync(batch, cancellationToken));
                done += count;
                progress?.Report(done);
            }
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new BulkEnrolInterruptedException(done, templates.Rows, e);
        }
        return total;
    }

    /// <summary>Has every shard of the gallery write a snapshot now (after a bulk load, before a planned restart).</summary>
    public Task SnapshotAsync(GalleryId id) => Gallery(id).SnapshotAsync();

    /// <summary>Moves the gallery's shards to the silos placement now prefers; returns how many moved.</summary>
    public Task<int> RebalanceAsync(GalleryId id) => Gallery(id).RebalanceAsync();

    public Task<int> RemoveAsync(GalleryId id, string subjectRef) => Gallery(id).RemoveAsync(subjectRef);

    public async Task<TimedSearch> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var response = await _cluster.GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(request, cancellationToken);
        return new TimedSearch(response, clock.Elapsed.TotalMilliseconds);
    }

    public async Task<GalleryInfo?> GetGalleryAsync(GalleryId id) => await Gallery(id).GetAsync();

    public async Task<GridStatus> GetStatusAsync()
    {
        var hosts = await _cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var galleries = await _cluster.GetGrain<IGalleryCatalogGrain>(0).ListAsync();
        var statuses = await Task.WhenAll(galleries.Select(g => Gallery(g).GetStatusAsync()));
        return new GridStatus(
            hosts.Select(h => new SiloInfo(h.Key.ToString(), h.Value.ToString())).OrderBy(s => s.Address).ToArray(),
            statuses);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }

    private IGalleryGrain Gallery(GalleryId id) => _cluster.GetGrain<IGalleryGrain>(id.Key);
}
