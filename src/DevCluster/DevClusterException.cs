namespace Grid.DevCluster;

/// <summary>A local-cluster step that failed, with a message saying what to look at (shown as <c>error: …</c>).</summary>
public sealed class DevClusterException(string message) : Exception(message);
