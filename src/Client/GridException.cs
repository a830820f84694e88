using Grid.Protocol.Errors;

namespace Grid.Client;

/// <summary>Every error the grid (or the way to it) reports: <see cref="Code"/> is the problem's stable code
/// (<see cref="ProblemCodes"/>), <see cref="Status"/> the HTTP status (0 when no answer came), and the message what to do.</summary>
public class GridException : Exception
{
    /// <summary>An error with a code, a status and a message.</summary>
    public GridException(string code, int status, string message, Exception? inner = null) : base(message, inner)
    {
        Code = code;
        Status = status;
    }

    /// <summary>An error from a problem-details body.</summary>
    public GridException(Problem problem) : this(problem.Code, problem.Status, problem.Detail ?? problem.Title) => Problem = problem;

    /// <summary>The stable problem code.</summary>
    public string Code { get; }

    /// <summary>The HTTP status, 0 when the grid did not answer.</summary>
    public int Status { get; }

    /// <summary>The problem body, when the grid sent one.</summary>
    public Problem? Problem { get; }

    /// <summary>How long the grid asked the caller to wait before retrying (its <c>Retry-After</c>), when it said; set for
    /// 429 and for the 503s a retry may cure (such as <c>audit-unavailable</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
