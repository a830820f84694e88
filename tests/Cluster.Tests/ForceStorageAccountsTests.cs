using Grid.DevCluster;
using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>A pinned force's own storage account as the local tool keeps it (storage-F.account and .conn, 0600): made
/// once, its connection string follows the blob port, and Azurite must be restarted exactly when the accounts change.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ForceStorageAccountsTests : IDisposable
{
    private readonly string _keys = Path.Combine(Directory.CreateTempSubdirectory("grid-accounts-").FullName, "keys");

    [Fact]
    public void Made_once_owner_only_and_named_within_azures_rules()
    {
        var accounts = new ForceStorageAccounts(_keys);
        var before = ForceStorageAccounts.Fingerprint(accounts.All());

        var nl = accounts.Ensure("NL", 10);
        var again = accounts.Ensure("NL", 20);

        Assert.Equal(nl, again);
        Assert.Equal("gridnl", nl.Name);
        Assert.Equal("griddebka", ForceStorageAccounts.AccountName("DE-BKA"));
        Assert.Equal(24, ForceStorageAccounts.AccountName("DE-ABCDEFGHIJKLMNOPQRST").Length);
        Assert.Equal(64, Convert.FromBase64String(nl.Key).Length);
        foreach (var file in new[] { accounts.AccountFile("NL"), accounts.ConnectionFile("NL") })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal($"DefaultEndpointsProtocol=http;AccountName=gridnl;AccountKey={nl.Key};BlobEndpoint=http://127.0.0.1:20/gridnl;",
            accounts.ConnectionString("NL"));
        Assert.Null(accounts.ConnectionString("DE"));
        Assert.Equal("Grid__ForceStorage__Accounts__NL", ForceStorageAccounts.Variable("NL"));

        Assert.Equal("", before); // only the development account: Azurite needs no AZURITE_ACCOUNTS
        var withNl = ForceStorageAccounts.Fingerprint(accounts.All());
        accounts.Ensure("DE", 20);
        Assert.Equal(2, accounts.All().Count);
        Assert.NotEqual(withNl, ForceStorageAccounts.Fingerprint(accounts.All())); // a new account restarts Azurite
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_keys)!, recursive: true);
}
