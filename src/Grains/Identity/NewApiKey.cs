namespace Grid.Grains.Identity;

/// <summary>A freshly made key: the id (public, for lookup), the whole key (shown once) and its hash (stored).</summary>
public sealed record NewApiKey(string KeyId, string Key, string Hash);
