using System.Security.Cryptography;
using Grid.Protocol.Identity;

namespace Grid.DevCluster;

/// <summary>
/// The local grid's shared secrets in its keys folder, made once (48 random bytes, base64, mode 0600): the cluster
/// secret (HMAC keys for internal calls and search tickets, shared by all local silos) and each pinned force's own
/// ticket-signing secret, which only that force's silos get (docs/SECURITY.md, per-owner ticket keys).
/// </summary>
public static class ClusterSecrets
{
    public const string ClusterSecretVariable = "Grid__Security__ClusterSecret";

    public static string ForceSecretVariable(string force) => $"Grid__Security__Forces__{force}__Secret";

    public static string ClusterSecret(string keysFolder) => Ensure(Path.Combine(keysFolder, "cluster.secret"));

    public static string ForceSecret(string keysFolder, string force) => Ensure(Path.Combine(keysFolder, $"force-{force}.secret"));

    /// <summary>A fresh secret that lives only in memory (a test cluster).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private static string Ensure(string path)
    {
        if (File.Exists(path) && new FileInfo(path).Length > 0) return File.ReadAllText(path).Trim();
        var secret = NewSecret();
        KeyFile.Replace(path, secret);
        return secret;
    }
}
