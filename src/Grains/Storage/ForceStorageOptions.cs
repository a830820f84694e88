namespace Grid.Grains.Storage;

/// <summary>Configuration section <c>Grid:ForceStorage</c>: which forces keep their data in their own storage account.</summary>
public sealed class ForceStorageOptions
{
    public const string Section = "Grid:ForceStorage";

    /// <summary>Connection strings of the forces' own accounts that THIS silo holds (force id → connection string): a
    /// force's own silos get only their force's (environment <c>Grid__ForceStorage__Accounts__F</c>; grid.sh keeps it in
    /// keys/storage-F.conn, 0600), shared-pool silos none.</summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Forces known to keep their data in their own account even before their silos register it in the shared
    /// account (<c>grid-placement/own-storage/F</c>): no silo ever falls back to the shared account for them.</summary>
    public string[] OwnAccountForces { get; set; } = [];
}
