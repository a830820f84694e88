using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>A storage account Azurite serves (name lower case, key base64), passed in <c>AZURITE_ACCOUNTS</c>.</summary>
public sealed record AzuriteAccount(string Name, string Key)
{
    public static AzuriteAccount Development { get; } = new(LocalGridDefaults.DevelopmentAccount, LocalGridDefaults.DevelopmentAccountKey);

    /// <summary>A new account with a random key (e.g. one per pinned force).</summary>
    public static AzuriteAccount Create(string name) =>
        new(name.ToLowerInvariant(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)));
}
