using System.Collections.Concurrent;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Grid.Contracts.Templates;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Grid.Grains.Search;

/// <summary>
/// Fans a probe out to every shard of the requested galleries at once, under one deadline, and merges.
/// A shard that fails or misses the deadline is reported in the coverage; the others still answer.
/// </summary>
[StatelessWorker]
public sealed class SearchCoordinatorGrain(ILogger<SearchCoordinatorGrain> logger) : Grain, ISearchCoordinatorGrain
{
    /// <summary>More shards than this are searched in waves, so one search cannot flood the cluster.</summary>
    public const int MaxParallelShards = 64;

    // Gallery configs never change after creation, so a cached copy is never stale.
    private static readonly ConcurrentDictionary<GalleryId, GalleryInfo> Galleries = new();

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var probe = Validate(request);
        var infos = await Task.WhenAll(request.Galleries.Distinct().Select(ResolveAsync));
        foreach (var info in infos)
            if (info.Config.ModelId != request.ModelId)
                throw new ModelMismatchException(
                    $"Gallery {info.Id} holds templates of model '{info.Config.ModelId}'; the probe comes from '{request.ModelId}'.");

        var search = new ShardSearch(probe, request.ModelId, request.K, request.MinScore);
        var shards = infos.SelectMany(info => Enumerable.Range(0, info.Config.ShardCount).Select(n => (info.Id, Key: ShardKeys.For(info.Id, n)))).ToArray();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Deadline);
        using var gate = new SemaphoreSlim(MaxParallelShards);

        var merger = new TopKMerger(request.K);
        var reports = await Task.WhenAll(shards.Select(async shard =>
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                var hits = await GrainFactory.GetGrain<IGalleryShardGrain>(shard.Key).SearchAsync(search, deadline.Token)
                    .WaitAsync(deadline.Token);
                lock (merger) merger.Add(shard.Id, hits);
                return new ShardReport(shard.Key, ShardOutcome.Answered, null);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new ShardReport(shard.Key, ShardOutcome.TimedOut, $"no answer within {request.Deadline.TotalMilliseconds:0} ms");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Shard {Shard} failed during a search", shard.Key);
                return new ShardReport(shard.Key, ShardOutcome.Failed, e.Message);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new SearchResponse(merger.Result(), new Coverage(reports));
    }

    private async Task<GalleryInfo> ResolveAsync(GalleryId id)
    {
        if (Galleries.TryGetValue(id, out var cached)) return cached;
        var info = await GrainFactory.GetGrain<IGalleryGrain>(id.Key).GetAsync()
            ?? throw new GalleryNotFoundException($"Gallery {id} does not exist.");
        return Galleries.GetOrAdd(id, info);
    }

    private static float[] Validate(SearchRequest request)
    {
        if (request.Galleries is not { Length: > 0 })
            throw new ArgumentException("Name at least one gallery to search.");
        foreach (var gallery in request.Galleries) gallery.Validate();
        if (request.K is < 1 or > SearchRequest.MaxK)
            throw new ArgumentException($"k must be between 1 and {SearchRequest.MaxK}, not {request.K}.");
        if (!float.IsFinite(request.MinScore) || request.MinScore is < -1 or > 1)
            throw new ArgumentException($"The minimum score is a cosine similarity between -1 and 1, not {request.MinScore}.");
        if (request.Deadline <= TimeSpan.Zero || request.Deadline > TimeSpan.FromMinutes(5))
            throw new ArgumentException("The deadline must be positive and at most 5 minutes.");
        var probe = (float[])request.Probe.Clone();
        TemplateRules.ValidateAndNormalise(probe, 1);
        return probe;
    }
}
