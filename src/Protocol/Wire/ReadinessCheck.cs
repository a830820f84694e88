namespace Grid.Protocol.Wire;

/// <summary>One readiness check: its name, whether it passed, and why not.</summary>
public sealed record ReadinessCheck(string Name, bool Ok, string? Detail);
