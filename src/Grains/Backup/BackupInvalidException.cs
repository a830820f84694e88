namespace Grid.Grains.Backup;

/// <summary>A backup that cannot be restored here (altered, truncated, another grid's cluster secret); nothing was written.</summary>
public sealed class BackupInvalidException(string message) : Exception(message);
