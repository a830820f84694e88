using Grid.Contracts.Errors;
using Grid.Contracts.Identity;
using Grid.Grains.Search;
using Orleans.Runtime.Messaging;
using Xunit;

namespace Grid.Grains.Tests.Search;

/// <summary>Which failed shard calls a search retries, and whether the retry fits in what is left of the deadline.</summary>
public sealed class ShardFailoverTests
{
    [Fact]
    public void Transport_failures_are_retried_and_answers_from_the_shard_are_not()
    {
        Assert.True(ShardFailover.IsTransient(new SiloUnavailableException("silo gone")));
        Assert.True(ShardFailover.IsTransient(new ConnectionFailedException("refused")));
        Assert.True(ShardFailover.IsTransient(new TimeoutException("no response")));
        // These would fail the same way again: the coverage reports them at once.
        Assert.False(ShardFailover.IsTransient(new ForceSilosUnavailableException("pinned, none up")));
        Assert.False(ShardFailover.IsTransient(new GridAccessDeniedException("refused")));
        Assert.False(ShardFailover.IsTransient(new ModelMismatchException("other model")));
    }

    [Theory]
    [InlineData(5000, 1000)] // plenty left: the longest pause
    [InlineData(1500, 500)]  // a third of what is left
    [InlineData(599, null)]  // too little left for a re-activation to answer
    public void The_pause_leaves_the_retry_most_of_the_deadline(int leftMs, int? pauseMs)
    {
        var pause = ShardFailover.PauseBeforeRetry(TimeSpan.FromMilliseconds(leftMs));
        Assert.Equal(pauseMs, pause is { } p ? (int)p.TotalMilliseconds : null);
    }
}
