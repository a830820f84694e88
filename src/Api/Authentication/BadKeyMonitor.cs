using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Grid.Api.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Api.Authentication;

/// <summary>
/// Failed sign-ins per source address, in one-minute windows. Each is counted (metric <c>grid.api.bad_keys</c>) and
/// logged with its address — the first of a window and then every 100th, so a flood cannot flood the log either. Past
/// <see cref="GridApiOptions.BadKeysPerAddressPerMinute"/> an address is refused (429) without any key lookup until its
/// window ends: a flood of guessed keys neither activates key grains nor reaches any force's audit log.
/// </summary>
public sealed class BadKeyMonitor(IOptions<GridApiOptions> options, TimeProvider clock, ILogger<BadKeyMonitor> logger, IMeterFactory meters)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<IPAddress, Counter> _counts = new();
    private readonly Counter<long> _metric = meters.Create("Grid.Api").CreateCounter<long>("grid.api.bad_keys", description: "Failed API sign-ins");

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Count;
    }

    /// <summary>When the address may try again, if it is over its limit now.</summary>
    public TimeSpan? BlockedFor(IPAddress? address)
    {
        if (address is null || !_counts.TryGetValue(address, out var counter)) return null;
        lock (counter)
        {
            var left = counter.Start + Window - clock.GetUtcNow();
            return left > TimeSpan.Zero && counter.Count >= options.Value.BadKeysPerAddressPerMinute ? left : null;
        }
    }

    public void Record(IPAddress? address, string why)
    {
        address ??= IPAddress.None;
        _metric.Add(1, new KeyValuePair<string, object?>("reason", why));
        var now = clock.GetUtcNow();
        var counter = _counts.GetOrAdd(address, _ => new Counter(now));
        int count;
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                counter.Start = now;
                counter.Count = 0;
            }
            count = ++counter.Count;
        }
        if (count == 1 || count % 100 == 0)
            logger.LogWarning("Bad API key from {Address}: {Reason} ({Count} in this minute; refused without lookup after {Limit})",
                address, why, count, options.Value.BadKeysPerAddressPerMinute);
        if (_counts.Count > 100_000) Prune(now);
    }

    /// <summary>Failures from this address in its current window (for tests and diagnostics).</summary>
    public int CountFor(IPAddress address) => _counts.TryGetValue(address, out var c) ? c.Count : 0;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, counter) in _counts)
            if (now - counter.Start >= Window) _counts.TryRemove(address, out _);
    }
}
