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

    // Grain calls must be made on the activation's scheduler. Polly resumes after a retry delay with
    // ConfigureAwait(false) unless told otherwise, which would make the retried call from a thread-pool thread
    // ("Activation access violation"): keep the captured context.
    public static Task<T> CallAsync<T>(Func<Task<T>> call) => CallAsync(call, CancellationToken.None);

    /// <summary>As <see cref="CallAsync{T}(Func{Task{T}})"/>, but gives up when <paramref name="deadline"/> is cancelled:
    /// no retry starts after it and a call in flight is abandoned (<see cref="DeadlineWait"/>), with
    /// <see cref="OperationCanceledException"/>. A search's own calls use this so a dying silo cannot hold it past its deadline.</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken deadline)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken: deadline);
        try
        {
            return await Pipeline.ExecuteAsync(async c => await DeadlineWait.WithinAsync(call(), c.CancellationToken), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
