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
    public static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } r => $"storage answered HTTP {r.Status}{(string.IsNullOrEmpty(r.ErrorCode) ? "" : " " + r.ErrorCode)}",
        TimeoutRejectedException t => $"storage did not answer within {t.Timeout.TotalSeconds:0} s",
        BrokenCircuitException => "storage failed repeatedly just before, so calls to it are paused for a moment",
        RequestFailedException or HttpRequestException or IOException or AggregateException => "storage could not be reached, even after retries",
        OperationCanceledException => "storage did not answer in time",
        _ => $"storage failed ({e.GetType().Name})",
    };
}
