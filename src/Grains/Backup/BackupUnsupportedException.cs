namespace Grid.Grains.Backup;

/// <summary>
/// A backup the API cannot take whole: the force keeps its shards and audit in its own storage account, which this
/// endpoint does not copy. Refused rather than written incomplete, so no archive ever looks whole and is not.
/// </summary>
public sealed class BackupUnsupportedException(string message) : Exception(message);
