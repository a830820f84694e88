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

    public ConcurrentBag<string> SearchErrors { get; } = [];
    public ConcurrentBag<string> WriteErrors { get; } = [];
    public ConcurrentBag<string> Events { get; } = [];

    private long _searches, _partial;
    public long Searches => Interlocked.Read(ref _searches);
    public long Partial => Interlocked.Read(ref _partial);
    public void CountSearch(bool complete)
    {
        Interlocked.Increment(ref _searches);
        if (!complete) Interlocked.Increment(ref _partial);
    }
}
