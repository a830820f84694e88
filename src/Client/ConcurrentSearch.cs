using System.Diagnostics;
using Grid.Protocol.Search;

namespace Grid.Client;

/// <summary>
/// Sends a list of searches with up to N in flight (<c>gridctl search --concurrency N</c>, and the benchmark's
/// many-in-flight figure). A failed search is reported and counted and the others go on; cancellation stops the run.
/// The grid batches searches that reach a shard together, so more in flight raises throughput until the cores are busy.
/// </summary>
public static class ConcurrentSearch
{
    public const int MaxConcurrency = 256;

    /// <param name="client">The client every search is sent with (its HTTP connections are shared).</param>
    /// <param name="requests">The searches, answered in any order.</param>
    /// <param name="concurrency">Most searches in flight at once, 1 to <see cref="MaxConcurrency"/>.</param>
    /// <param name="cancellationToken">Stops the run: searches not yet sent are not sent.</param>
    /// <param name="onAnswer">Called once per search as it ends (in completion order, never two at once): its index in
    /// <paramref name="requests"/>, and the answer or the failure.</param>
    public static async Task<ConcurrentSearchSummary> RunAsync(
        IGridClient client, IReadOnlyList<SearchRequest> requests, int concurrency,
        Action<int, TimedSearch?, Exception?>? onAnswer = null, CancellationToken cancellationToken = default)
    {
        if (concurrency is < 1 or > MaxConcurrency)
            throw new ArgumentException($"Concurrency must be between 1 and {MaxConcurrency}, not {concurrency}.", nameof(concurrency));
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requests);

        var latencies = new List<double>(requests.Count);
        var failures = 0;
        var next = -1;
        var report = new Lock();
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                TimedSearch? answer = null;
                Exception? error = null;
                try
                {
                    answer = await client.SearchAsync(requests[i], cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    error = e;
                }

                lock (report)
                {
                    if (answer is not null) latencies.Add(answer.LatencyMs);
                    else failures++;
                    onAnswer?.Invoke(i, answer, error);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, Math.Max(1, requests.Count))).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        return new ConcurrentSearchSummary(requests.Count, concurrency, seconds, seconds > 0 ? latencies.Count / seconds : 0,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), failures);
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
