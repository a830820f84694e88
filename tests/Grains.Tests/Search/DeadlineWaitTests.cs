using Grid.Grains.Search;
using Xunit;

namespace Grid.Grains.Tests.Search;

/// <summary>A search's own calls stop waiting at its deadline: a call that never answers is abandoned, a dying silo's
/// rejections are not retried past it, and an abandoned call that fails later leaves no unobserved exception.</summary>
public sealed class DeadlineWaitTests
{
    [Fact]
    public async Task A_call_that_never_answers_is_abandoned_at_the_deadline()
    {
        var never = new TaskCompletionSource<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DeadlineWait.WithinAsync(never.Task, deadline.Token));
        Assert.False(never.Task.IsCompleted); // abandoned, not stopped: the call may still land (docs/RELIABILITY.md)
    }

    [Fact]
    public async Task An_answer_before_the_deadline_is_returned_and_a_failure_is_the_callers()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Assert.Equal(7, await DeadlineWait.WithinAsync(Task.FromResult(7), deadline.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeadlineWait.WithinAsync(Task.FromException(new InvalidOperationException("no")), deadline.Token));
    }

    [Fact]
    public async Task An_abandoned_call_failing_later_is_observed()
    {
        // Only this test's own exception counts: other tests run in parallel and the event is process-wide.
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception.InnerExceptions.Any(x => x.Message == LateFailure))
            {
                Interlocked.Increment(ref unobserved);
            }
        };
        TaskScheduler.UnobservedTaskException += count;
        try
        {
            await AbandonThenFailAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.Equal(0, unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= count;
        }
    }

    private const string LateFailure = "the append landed nowhere (DeadlineWaitTests)";

    private static async Task AbandonThenFailAsync()
    {
        var late = new TaskCompletionSource();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DeadlineWait.WithinAsync(late.Task, deadline.Token));
        late.SetException(new TimeoutException(LateFailure));
    }

    [Fact]
    public async Task Silo_failover_retries_stop_at_the_deadline()
    {
        var calls = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SiloFailover.CallAsync<int>(() =>
        {
            Interlocked.Increment(ref calls);
            throw new SiloUnavailableException("the audit log's silo just died");
        }, deadline.Token));
        // Without the deadline the same call is made 13 times over about 20 s; here no retry starts after the deadline.
        Assert.InRange(calls, 1, 6);
    }
}
