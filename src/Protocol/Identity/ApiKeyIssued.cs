namespace Grid.Protocol.Identity;

/// <summary>A newly issued API key. <see cref="Key"/> is shown this once; the grid keeps only its hash.</summary>
public sealed record ApiKeyIssued(string KeyId, string Key, PrincipalView Principal);
