using System.Diagnostics;
using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Diagnostics;

/// <summary>
/// The search path's traces and log scope, kept out of the grains so they stay one line each there. Spans come from
/// the <see cref="ActivitySource"/> named <c>Grid</c>: <c>grid.search.fanout</c> in the coordinator around the
/// shard calls, and <c>grid.shard.scan</c> in each shard. Orleans' activity propagation (<c>AddActivityPropagation</c>)
/// carries the trace context across the grain call, so every shard span is a descendant of its search's fan-out span
/// and shares its trace id, on whichever silo the shard runs. Without a listener no span is created at all.
/// </summary>
public static class SearchTelemetry
{
    public const string SourceName = "Grid";

    /// <summary>The logging scope key every line of a search carries (JSON logs: <c>Scopes[].SearchId</c>).</summary>
    public const string SearchIdKey = "SearchId";

    public static readonly ActivitySource Source = new(SourceName, "1.0");

    /// <summary>Opens the search's log scope (the search id on every line logged within it), tags the current span and
    /// logs the start at Debug (<c>Logging__LogLevel__Grid.Grains.Search=Debug</c> shows one line per search).</summary>
    public static IDisposable? BeginSearch(ILogger logger, string searchId, string requester)
    {
        Activity.Current?.SetTag("grid.search.id", searchId);
        var scope = logger.BeginScope(new Dictionary<string, object> { [SearchIdKey] = searchId });
        logger.LogDebug("Search {SearchId} by {Force} started", searchId, requester);
        return scope;
    }

    /// <summary>The coordinator's fan-out over <paramref name="shards"/> shards; dispose when every shard answered or timed out.</summary>
    public static Activity? StartFanOut(string searchId, string requester, int shards)
    {
        var span = Source.StartActivity("grid.search.fanout", ActivityKind.Internal);
        span?.SetTag("grid.search.id", searchId);
        span?.SetTag("grid.force", requester);
        span?.SetTag("grid.search.shards", shards);
        return span;
    }

    /// <summary>Ends the fan-out span with its outcome (shards answered / asked) and logs it at Debug.</summary>
    public static void EndFanOut(ILogger logger, Activity? span, IReadOnlyCollection<ShardReport> reports)
    {
        var answered = reports.Count(r => r.Outcome == ShardOutcome.Answered);
        span?.SetTag("grid.search.shards_answered", answered);
        // A partial answer is not an error (the coverage reports it), so the span's status stays unset.
        span?.Dispose();
        logger.LogDebug("Search fan-out: {Answered} of {Asked} shards answered", answered, reports.Count);
    }

    /// <summary>One shard's scan (waiting for its batch pass included), tagged with gallery, shard and engine.</summary>
    public static Activity? StartShardScan(ShardConfig config)
    {
        var span = Source.StartActivity("grid.shard.scan", ActivityKind.Internal);
        span?.SetTag("grid.gallery", config.Gallery.ToString());
        span?.SetTag("grid.shard", config.Key);
        span?.SetTag("grid.shard.index", config.Index);
        span?.SetTag("grid.engine", config.Engine);
        return span;
    }

    /// <summary>Marks a span failed with the exception's type, as OpenTelemetry's conventions ask (<c>error.type</c>).</summary>
    public static void Failed(Activity? span, Exception e)
    {
        span?.SetStatus(ActivityStatusCode.Error, e.Message);
        span?.SetTag("error.type", e.GetType().FullName);
    }
}
