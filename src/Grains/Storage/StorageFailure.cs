using Azure;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Grid.Grains.Storage;

/// <summary>
/// A short, caller-facing cause for a storage failure. The storage SDK's own messages list every retry and name its
/// configuration classes ("Retry failed after 6 tries. Retry settings can be adjusted in ClientOptions.Retry…"), which
/// helps an operator in the silo log (where the full exception goes) but not a user reading an error.
/// </summary>
public static class StorageFailure
{
    /// <summary>Whether <paramref name="e"/> (or what it wraps: a grain activation that failed reading storage, the
    /// SDK's list of failed retries) is storage not answering, as opposed to a bug: it is then worth a retry later.</summary>
    public static bool IsStorageFault(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 5; e = e.InnerException, depth++)
        {
            if (IsStoragesOwn(e)) return true;
            if (e is AggregateException { InnerExceptions.Count: > 0 } all) return all.InnerExceptions.All(IsStorageFault);
        }
        return false;
    }

    /// <summary>The cause, from the first exception in the chain that is storage's own.</summary>
    public static string Describe(Exception e)
    {
        var cause = e;
        for (var depth = 0; !IsStoragesOwn(cause) && cause is not AggregateException && cause.InnerException is { } inner && depth < 5; depth++)
            cause = inner;
        return DescribeOne(IsStoragesOwn(cause) || cause is AggregateException ? cause : e);
    }

    /// <summary>An exception the storage client or its resilience pipeline raises itself (not one it merely wraps).</summary>
    private static bool IsStoragesOwn(Exception e) => e is RequestFailedException or BrokenCircuitException or TimeoutRejectedException;

    private static string DescribeOne(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } r => $"storage answered HTTP {r.Status}{(string.IsNullOrEmpty(r.ErrorCode) ? "" : " " + r.ErrorCode)}",
        TimeoutRejectedException t => $"storage did not answer within {t.Timeout.TotalSeconds:0} s",
        BrokenCircuitException => "storage failed repeatedly just before, so calls to it are paused for a moment",
        RequestFailedException or HttpRequestException or IOException or AggregateException => "storage could not be reached, even after retries",
        OperationCanceledException => "storage did not answer in time",
        _ => $"storage failed ({e.GetType().Name})",
    };
}
