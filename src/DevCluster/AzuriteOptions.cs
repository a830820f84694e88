namespace Grid.DevCluster;

/// <summary>How to run an Azurite: its data folder (made 0700), ports, log file and any accounts beyond the
/// development one.</summary>
public sealed record AzuriteOptions(string Location, AzuritePorts Ports)
{
    /// <summary>Azurite's output; default <c>azurite.log</c> beside the data folder.</summary>
    public string? LogFile { get; init; }

    /// <summary>Accounts served besides <c>devstoreaccount1</c> (which stays served): set, Azurite gets
    /// <c>AZURITE_ACCOUNTS</c> listing the development account and these.</summary>
    public IReadOnlyList<AzuriteAccount> ExtraAccounts { get; init; } = [];

    /// <summary>How long to wait for every port to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
