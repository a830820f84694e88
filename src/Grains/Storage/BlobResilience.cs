using Azure;
using Grid.Grains.Diagnostics;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Grid.Grains.Storage;

/// <summary>
/// The one retry pipeline of the grid's blob stores: transient faults (throttling, 5xx, lost connections) are
/// retried with jittered exponential backoff. With a circuit breaker (the shard store's choice), when most recent
/// calls failed (storage down or restarting) calls fail fast for <see cref="BreakDuration"/> instead of piling up
/// on the storage account, and the retry's backoff waits the break out; see docs/OPERATIONS.md.
/// </summary>
public static class BlobResilience
{
    /// <summary>How long an open breaker stays open before letting a trial call through.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    public static bool IsTransient(RequestFailedException e) => e.Status is 0 or 408 or 429 or >= 500;

    public static ResiliencePipeline Create(TimeSpan timeout, bool circuitBreaker, GridMetrics? metrics = null)
    {
        var retryOn = Transient();
        if (circuitBreaker) retryOn = retryOn.Handle<BrokenCircuitException>();
        var builder = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = retryOn,
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        });
        if (circuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = Transient(),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                OnOpened = _ =>
                {
                    metrics?.StorageCircuitOpened();
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(timeout).Build();
    }

    private static PredicateBuilder<object> Transient() =>
        new PredicateBuilder().Handle<RequestFailedException>(IsTransient).Handle<HttpRequestException>().Handle<IOException>();
}
