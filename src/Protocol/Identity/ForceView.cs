namespace Grid.Protocol.Identity;

/// <summary>A member force as the operator sees it.</summary>
public sealed record ForceView(string Force, string DisplayName, bool Disabled, DateTimeOffset Created, int UserCount);
