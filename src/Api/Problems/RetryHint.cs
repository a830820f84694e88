using Grid.Protocol.Errors;

namespace Grid.Api.Problems;

/// <summary>
/// The <c>Retry-After</c> sent with a problem that a retry may cure (503: storage, the audit log or a silo was briefly
/// unavailable). Five seconds covers a storage circuit breaker's break (2 s) and, with fast liveness, a dead silo being
/// declared dead (3–8 s); a caller that retries sooner only meets the same outage. 429s carry the limiter's own value.
/// </summary>
public static class RetryHint
{
    public static readonly TimeSpan Unavailable = TimeSpan.FromSeconds(5);

    /// <summary>The pause to advise for <paramref name="problem"/>, or null when retrying unchanged would not help.</summary>
    public static TimeSpan? For(Problem problem) => problem.Status == 503 ? Unavailable : null;
}
