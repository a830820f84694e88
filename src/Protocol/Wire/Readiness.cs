namespace Grid.Protocol.Wire;

/// <summary>The body of <c>/readyz</c>: ready or not, and each check's result (storage, cluster, catalogues).</summary>
public sealed record Readiness(bool Ready, ReadinessCheck[] Checks);
