using Grid.Protocol.Errors;

namespace Grid.Client;

/// <summary>The grid did not answer (or its certificate is not from the grid's CA); the message says what to check.</summary>
public sealed class GridUnavailableException(string message, Exception? inner = null)
    : GridException(ProblemCodes.Unavailable, 0, message, inner);
