namespace Grid.Grains.Backup;

/// <summary>A restore into a grid that already holds the force, without the overwrite flag; nothing was written.</summary>
public sealed class ForceExistsException(string message) : Exception(message);
