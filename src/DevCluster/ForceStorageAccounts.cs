using System.Security.Cryptography;
using System.Text;
using Grid.Protocol.Identity;
using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>
/// Forces that run their own silos keep their shards and audit in their own storage account (docs/SECURITY.md,
/// per-force storage). In the keys folder, <c>storage-F.account</c> holds <c>name:key</c> for Azurite's
/// <c>AZURITE_ACCOUNTS</c> and <c>storage-F.conn</c> the connection string only F's silos are given, in their
/// environment (<see cref="Variable"/>), never on the command line. Both files 0600; the account is made on first use.
/// </summary>
public sealed class ForceStorageAccounts(string keysFolder)
{
    /// <summary>The silo setting that gives force <paramref name="force"/>'s silos its account (Grid:ForceStorage:Accounts:F).</summary>
    public static string Variable(string force) => $"Grid__ForceStorage__Accounts__{force}";

    /// <summary>Azure account names are 3-24 lower-case letters and digits: <c>grid</c> + the force's, cut to fit.</summary>
    public static string AccountName(string force)
    {
        var letters = new string(force.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')).ToArray());
        return "grid" + letters[..Math.Min(letters.Length, 20)];
    }

    public string AccountFile(string force) => Path.Combine(keysFolder, $"storage-{force}.account");

    public string ConnectionFile(string force) => Path.Combine(keysFolder, $"storage-{force}.conn");

    /// <summary>Force <paramref name="force"/>'s account (made once) and its connection string on this Azurite's blob port.</summary>
    public AzuriteAccount Ensure(string force, int blobPort)
    {
        Directory.CreateDirectory(keysFolder);
        File.SetUnixFileMode(keysFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var account = Read(AccountFile(force));
        if (account is null)
        {
            account = AzuriteAccount.Create(AccountName(force));
            KeyFile.Replace(AccountFile(force), $"{account.Name}:{account.Key}\n");
        }
        KeyFile.Replace(ConnectionFile(force),
            $"DefaultEndpointsProtocol=http;AccountName={account.Name};AccountKey={account.Key};BlobEndpoint=http://127.0.0.1:{blobPort}/{account.Name};\n");
        return account;
    }

    /// <summary>Every force account made so far, in a stable order (Azurite serves them all).</summary>
    public IReadOnlyList<AzuriteAccount> All() =>
        (Directory.Exists(keysFolder) ? Directory.GetFiles(keysFolder, "storage-*.account") : [])
        .Order(StringComparer.Ordinal)
        .Select(Read).OfType<AzuriteAccount>().ToArray();

    /// <summary>The connection string force <paramref name="force"/>'s silos get, or null when it has no account of its own.</summary>
    public string? ConnectionString(string force) =>
        File.Exists(ConnectionFile(force)) && File.ReadAllText(ConnectionFile(force)).Trim() is { Length: > 0 } conn ? conn : null;

    /// <summary>A digest of the accounts Azurite must serve: a running Azurite that served other accounts is restarted
    /// (it reads <c>AZURITE_ACCOUNTS</c> only at start). Empty when only the development account is needed.</summary>
    public static string Fingerprint(IReadOnlyList<AzuriteAccount> accounts) =>
        accounts.Count == 0 ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join(';', accounts.Select(a => $"{a.Name}:{a.Key}").Prepend(LocalGridDefaults.DevelopmentAccount)))));

    private static AzuriteAccount? Read(string file)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadAllText(file).Trim();
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new AzuriteAccount(line[..colon], line[(colon + 1)..]) : null;
    }

}
