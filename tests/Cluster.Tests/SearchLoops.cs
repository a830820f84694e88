using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Client;
using Grid.Client.Files;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;

namespace Grid.Cluster.Tests;

/// <summary>
/// A few search loops through the API, each search recorded as a <see cref="SearchOutcome"/> on a shared clock, until
/// <see cref="StopAsync"/>. Fault tests start them, break something, mend it, and read the record afterwards.
/// </summary>
public sealed class SearchLoops
{
    private readonly ConcurrentBag<SearchOutcome> _outcomes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    public SearchLoops(GridClient client, GalleryId gallery, TemplateSet templates, int rows, SearchPurpose purpose, int deadlineMs, int loops = 2)
    {
        _loops = Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                var row = (loop * 997 + i * 31) % rows;
                var started = Clock.Elapsed;
                try
                {
                    var request = new SearchRequest([gallery], templates.Slice(row, 1), purpose, GalleryConfig.UnspecifiedModel, 3, -1, deadlineMs);
                    var response = (await client.SearchAsync(request)).Response;
                    _outcomes.Add(new SearchOutcome(started, Clock.Elapsed - started, response, null, row));
                }
                catch (Exception e)
                {
                    _outcomes.Add(new SearchOutcome(started, Clock.Elapsed - started, null, e, row));
                    await Task.Delay(100); // a refused search answers at once; do not spin
                }
            }
        })).ToArray();
    }

    /// <summary>The clock every <see cref="SearchOutcome.Started"/> is measured on (started with the loops).</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Every search so far, in start order.</summary>
    public SearchOutcome[] Outcomes => [.. _outcomes.OrderBy(o => o.Started)];

    /// <summary>Waits until a search that started at or after <paramref name="after"/> answered with full coverage; returns when
    /// it answered (on <see cref="Clock"/>), or null after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> WaitForFullAnswerAsync(TimeSpan after, TimeSpan timeout)
    {
        var until = Clock.Elapsed + timeout;
        while (Clock.Elapsed < until)
        {
            var first = _outcomes.Where(o => o.Started >= after && o.Response is { Coverage.Complete: true })
                .Select(o => o.Started + o.Took).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            if (first != TimeSpan.MaxValue) return first;
            await Task.Delay(100);
        }
        return null;
    }

    public async Task<SearchOutcome[]> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        return Outcomes;
    }
}
