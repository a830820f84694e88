namespace Grid.Protocol.Operations;

/// <summary>What a restore put back: the force, its galleries, how many blobs and bytes (as the backup listed them), and
/// how many templates it removed again from the force's erasure list (removals made after the backup began).</summary>
public sealed record BackupSummary(string Force, string[] Galleries, int Blobs, long Bytes, DateTimeOffset CreatedUtc, int TemplatesErased);
