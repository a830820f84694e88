using Polly;
using Polly.Retry;

namespace Grid.Grains.Search;

/// <summary>
/// Retries a grain call that failed because the silo hosting the target just died. Until membership declares
/// that silo dead (seconds) calls to its grains are rejected; afterwards the grain activates on a survivor.
/// Used for the coordinator's own calls (gallery config, agreement, audit), which a search cannot do without —
/// a dead shard, by contrast, is reported in the coverage, not retried.
/// </summary>
public static class SiloFailover
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<OrleansMessageRejectionException>()
                .Handle<SiloUnavailableException>()
                .Handle<TimeoutException>(),
            MaxRetryAttempts = 12, // ~20 s in all: fast liveness declares a dead silo in seconds, production in ~30 s
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(2),
        })
        .Build();

    public static async Task<T> CallAsync<T>(Func<Task<T>> call) => await Pipeline.ExecuteAsync(async _ => await call());

    public static async Task CallAsync(Func<Task> call) => await Pipeline.ExecuteAsync(async _ => await call());
}
