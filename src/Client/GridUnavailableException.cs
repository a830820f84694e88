namespace Grid.Client;

/// <summary>No silo of the grid answered; the message says how to start one.</summary>
public sealed class GridUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
