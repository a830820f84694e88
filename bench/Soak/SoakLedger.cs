using System.Collections.Concurrent;
using Grid.Protocol.Galleries;

namespace Grid.Soak;

/// <summary>What the grid acknowledged during the soak, and what went wrong at the client: the checker's input.
/// Only acknowledged operations are promises; a failed one promises nothing either way.</summary>
public sealed class SoakLedger
{
    /// <summary>Acknowledged enrolments: subject → (gallery, its template).</summary>
    public ConcurrentDictionary<string, (GalleryId Gallery, float[] Template)> Enrolled { get; } = new(StringComparer.Ordinal);

    /// <summary>Acknowledged removals (each of an acknowledged enrolment).</summary>
    public ConcurrentDictionary<string, GalleryId> Removed { get; } = new(StringComparer.Ordinal);

    /// <summary>Every subject whose removal was sent, marked before sending: one not in <see cref="Removed"/> may be
    /// there or gone (the removal failed at the client, possibly after the shard had done it).</summary>
    public ConcurrentDictionary<string, byte> RemovalsSent { get; } = new(StringComparer.Ordinal);

    /// <summary>Subjects with a removal that failed at the client (a later one may still be acknowledged, but the
    /// shard may have removed the subject the first time, so the acknowledged one then logs nothing).</summary>
    public ConcurrentDictionary<string, byte> RemovalsFailed { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<string> SearchErrors { get; } = [];
    public ConcurrentBag<string> WriteErrors { get; } = [];

    /// <summary>Searches during the load that answered with full coverage but broke a promise: an acknowledged
    /// subject not first for its own template, or a subject whose removal was acknowledged before the search began
    /// among the candidates.</summary>
    public ConcurrentBag<string> WrongAnswers { get; } = [];

    public ConcurrentBag<string> Events { get; } = [];

    /// <summary>Answered searches per force (the audit must hold at least as many entries).</summary>
    public ConcurrentDictionary<string, int> Answered { get; } = new(StringComparer.Ordinal);

    private long _searches, _partial, _late, _slowestMs;
    public long Searches => Interlocked.Read(ref _searches);
    public long Partial => Interlocked.Read(ref _partial);

    /// <summary>Searches that answered more than 2 s after their deadline (see RELIABILITY.md: the audit wait).</summary>
    public long Late => Interlocked.Read(ref _late);
    public long SlowestMs => Interlocked.Read(ref _slowestMs);

    public void CountSearch(string force, bool complete, TimeSpan took, TimeSpan deadline)
    {
        Interlocked.Increment(ref _searches);
        Answered.AddOrUpdate(force, 1, (_, n) => n + 1);
        if (!complete) Interlocked.Increment(ref _partial);
        if (took > deadline + TimeSpan.FromSeconds(2)) Interlocked.Increment(ref _late);
        var ms = (long)took.TotalMilliseconds;
        for (var seen = SlowestMs; ms > seen && Interlocked.CompareExchange(ref _slowestMs, ms, seen) != seen; seen = SlowestMs)
        {
        }
    }
}
