using System.Security.Cryptography;
using System.Text;

namespace Grid.Grains.Identity;

/// <summary>
/// API keys look like <c>isg_&lt;12 hex id&gt;_&lt;43 base64url chars&gt;</c>: the id finds the
/// record without a scan; the secret is 32 random bytes. Only SHA-256 of the whole key is stored.
/// A fast hash is enough here (unlike passwords) because a 256-bit random secret cannot be guessed.
/// </summary>
public static class ApiKeyHasher
{
    public const string Prefix = "isg";
    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    public static NewApiKey Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = $"{Prefix}_{id}_{secret}";
        return new NewApiKey(id, key, Hash(key));
    }

    /// <summary>The id part of a well-formed key; false for anything else (no lookup is made for it).</summary>
    public static bool TryGetKeyId(string? key, out string keyId)
    {
        // The secret is base64url and may itself contain '_', so split by position, not by '_'.
        const int idStart = 4, secretStart = idStart + IdBytes * 2 + 1;
        keyId = string.Empty;
        if (key is null || key.Length != secretStart + 43 || !key.StartsWith(Prefix + "_", StringComparison.Ordinal) || key[secretStart - 1] != '_')
        {
            return false;
        }

        var id = key[idStart..(secretStart - 1)];
        if (!id.All(char.IsAsciiHexDigitLower) || !key[secretStart..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        keyId = id;
        return true;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Constant-time comparison of two hashes in hex, so timing says nothing about how much matched.</summary>
    public static bool HashesEqual(string presentedHash, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), Encoding.ASCII.GetBytes(storedHash));

    public static bool Matches(string key, string storedHash) => HashesEqual(Hash(key), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
