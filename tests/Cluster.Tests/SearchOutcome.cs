using Grid.Client;
using Grid.Protocol.Errors;
using Grid.Protocol.Search;

namespace Grid.Cluster.Tests;

/// <summary>How one search of a fault test ended: when it started (since the test's clock started), how long the client
/// waited, and the answer or the error. <see cref="Row"/> is the probe's row (its own subject should come first).</summary>
public sealed record SearchOutcome(TimeSpan Started, TimeSpan Took, SearchResponse? Response, Exception? Error, int Row)
{
    /// <summary>The clear, retryable refusal of a search that could not be audited in time (503 with Retry-After).</summary>
    public bool IsAuditUnavailable => Error is GridException { Code: ProblemCodes.AuditUnavailable, Status: 503, RetryAfter: not null };

    public override string ToString() =>
        $"started {Started.TotalSeconds:0.0} s, took {Took.TotalMilliseconds:0} ms: " +
        (Response is { } r ? $"{r.Candidates.Length} candidates, coverage {r.Coverage.Answered}/{r.Coverage.Asked}" : $"{Error?.GetType().Name} {(Error as GridException)?.Code}: {Error?.Message}");
}
