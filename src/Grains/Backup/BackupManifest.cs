using System.Security.Cryptography;
using System.Text.Json;

namespace Grid.Grains.Backup;

/// <summary>
/// The last entry of a backup archive (<see cref="FileName"/>): what it holds, and an HMAC over all of it with a key
/// derived from the cluster secret (<c>GridKeys.BackupKey</c>). A restore checks the MAC and every entry's hash before it
/// writes anything, so an altered or truncated backup is refused whole, and a backup only restores into a grid with the
/// same cluster secret — the one under which its sealed state, audit chain and ticket keys verify. Nothing is re-sealed.
/// </summary>
public sealed record BackupManifest(int Format, string Force, DateTimeOffset StartedUtc, DateTimeOffset CreatedUtc, string[] Galleries, BackupEntry[] Entries, string Mac)
{
    public const string FileName = "grid-backup.json";
    public const int CurrentFormat = 1;

    public long Bytes => Entries.Sum(e => e.Length);

    public BackupManifest Signed(byte[] key) => this with { Mac = Compute(key) };

    public bool Verifies(byte[] key) =>
        Mac.Length > 0 && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Mac), Convert.FromHexString(Compute(key)));

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static BackupManifest Parse(byte[] json) =>
        JsonSerializer.Deserialize<BackupManifest>(json) ?? throw new BackupInvalidException("The backup's manifest is empty.");

    private string Compute(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, (this with { Mac = "" }).ToJson()));
}
