using Azure;
using Grid.Grains.Storage;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Xunit;

namespace Grid.Grains.Tests.Storage;

/// <summary>What a user reads when storage did not acknowledge: a short cause, never the SDK's retry log or class names.</summary>
public sealed class StorageFailureTests
{
    [Fact]
    public void Each_failure_gets_a_short_cause()
    {
        Assert.Equal("storage answered HTTP 503 ServerBusy", StorageFailure.Describe(new RequestFailedException(503, "busy", "ServerBusy", null)));
        Assert.Equal("storage did not answer within 120 s", StorageFailure.Describe(new TimeoutRejectedException(TimeSpan.FromMinutes(2))));
        Assert.Contains("paused", StorageFailure.Describe(new BrokenCircuitException()));
        var retries = new AggregateException("Retry failed after 6 tries. Retry settings can be adjusted in ClientOptions.Retry",
            new RequestFailedException("An error occurred while sending the request."));
        Assert.Equal("storage could not be reached, even after retries", StorageFailure.Describe(retries));
        Assert.DoesNotContain("ClientOptions", StorageFailure.Describe(retries));
    }

    [Fact]
    public void A_storage_fault_is_recognised_through_what_wraps_it_and_a_bug_is_not()
    {
        var activation = new InvalidOperationException("Error activating grain", new RequestFailedException(503, "busy", "ServerBusy", null));
        Assert.True(StorageFailure.IsStorageFault(activation));
        Assert.Equal("storage answered HTTP 503 ServerBusy", StorageFailure.Describe(activation));
        Assert.True(StorageFailure.IsStorageFault(new AggregateException(new RequestFailedException("refused"), new TimeoutRejectedException(TimeSpan.FromSeconds(1)))));
        Assert.False(StorageFailure.IsStorageFault(new AggregateException(new RequestFailedException("refused"), new NullReferenceException())));
        Assert.False(StorageFailure.IsStorageFault(new InvalidDataException("manifest names epoch 3 but its snapshot is missing")));
    }
}
