namespace Grid.Grains.Search;

/// <summary>
/// Waits for a grain call no longer than a search may. The call itself is not stopped (Orleans cannot recall a message
/// already sent): it is abandoned, and its eventual failure is observed here so it does not surface later as an
/// unobserved task exception. What an abandoned call still does (an audit append landing late) is documented where
/// it matters (docs/RELIABILITY.md).
/// </summary>
public static class DeadlineWait
{
    /// <summary>The result of <paramref name="task"/>, or <see cref="OperationCanceledException"/> once
    /// <paramref name="token"/> is cancelled first.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, CancellationToken token)
    {
        await WithinAsync((Task)task, token);
        return task.Result; // completed: the wait above returned
    }

    /// <inheritdoc cref="WithinAsync{T}(Task{T}, CancellationToken)"/>
    public static async Task WithinAsync(Task task, CancellationToken token)
    {
        try
        {
            await task.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested && !task.IsCompleted)
        {
            Observe(task);
            throw;
        }
    }

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
