using System.Diagnostics;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Grains.Galleries;

namespace Grid.Grains.Diagnostics;

/// <summary>
/// Feeds <see cref="GridMetrics"/> from the outside of the grains, so the grain code carries no metric calls:
/// search latency / fan-out / coverage from the coordinator's answers, enrolment counts from the shards'
/// acknowledgements, refusals from access-denied errors, and shard sizes from the shard activations on this silo
/// (tracked from their first call until their activation is deactivated).
/// </summary>
public sealed class GridMetricsCallFilter(GridMetrics metrics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        catch (GridAccessDeniedException)
        {
            metrics.Refused(context.InterfaceName);
            throw;
        }

        switch (context.Result)
        {
            case SearchResponse response when context.Grain is ISearchCoordinatorGrain:
                metrics.SearchCompleted(Stopwatch.GetElapsedTime(started), response.Coverage);
                foreach (var _ in response.Refusals) metrics.Refused("agreement");
                break;
            case EnrolResult result when context.Grain is GalleryShardGrain:
                metrics.Enrolled(result.Added, result.AlreadyPresent);
                break;
        }

        if (context.Grain is GalleryShardGrain shard)
            Track(context.TargetContext, shard);
    }

    private void Track(IGrainContext activation, GalleryShardGrain shard)
    {
        var key = activation.GrainId.Key.ToString() ?? string.Empty;
        if (activation.GetComponent<TrackedMarker>() is not null) return;
        activation.SetComponent(new TrackedMarker());
        metrics.TrackShard(key, () =>
        {
            var status = shard.GetStatusAsync().Result; // completes synchronously: a snapshot of two counters
            return (status.Templates, status.MemoryBytes);
        });
        _ = activation.Deactivated.ContinueWith(_ => metrics.UntrackShard(key), TaskScheduler.Default);
    }

    private sealed class TrackedMarker;
}
