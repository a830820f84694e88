namespace Grid.Protocol.Identity;

/// <summary>The operator creates a force and its first administrator, whose key is returned once.</summary>
public sealed record CreateForceRequest(string Force, string DisplayName, string AdminUser = "admin");
