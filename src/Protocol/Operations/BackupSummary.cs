namespace Grid.Protocol.Operations;

/// <summary>What a restore put back: the force, its galleries, and how many blobs and bytes (as the backup listed them).</summary>
public sealed record BackupSummary(string Force, string[] Galleries, int Blobs, long Bytes, DateTimeOffset CreatedUtc);
