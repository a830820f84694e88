namespace Grid.Grains.Backup;

/// <summary>One blob in a backup: where it goes back to, its length and SHA-256, and whether it is an append blob
/// (shard logs and audit segments must stay appendable after a restore).</summary>
public sealed record BackupEntry(string Container, string Name, long Length, string Sha256, bool Append)
{
    /// <summary>The entry's path inside the backup's tar archive.</summary>
    public string Path => $"{Container}/{Name}";
}
