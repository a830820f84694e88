namespace Grid.Grains.Placement;

/// <summary>The silo metadata that labels a silo as one force's own (<c>Grid.Silo --force F</c>).</summary>
public static class ForceLabel
{
    /// <summary>Silo metadata key; its value is a force id (<c>NL</c>, <c>DE-BKA</c>) or a country code
    /// (<c>DE</c>, which then also hosts <c>DE-BKA</c>, <c>DE-LKA</c>... unless they have silos of their own).</summary>
    public const string MetadataKey = "grid.force";

    /// <summary>Silo metadata key set ("own") on a silo that holds its force's own storage account, so every silo knows at
    /// once that the force's data is not in the shared account (the blob registry covers the times none is up).</summary>
    public const string OwnStorageMetadataKey = "grid.force-storage";

    /// <summary>Silo metadata key every grid silo sets, labelled or not: a silo whose metadata lacks it has labels this
    /// silo has not learnt yet (see <see cref="SiloPlacementInfo.Known"/>), rather than no labels.</summary>
    public const string PresenceMetadataKey = "grid.silo";

    /// <summary>The force a grain key <c>FORCE/gallery/n</c> or <c>OWNER-&gt;REQUESTER</c> (an agreement, on its owner's
    /// silos) belongs to, or null for other keys.</summary>
    public static string? ForceOfKey(string key)
    {
        var arrow = key.IndexOf("->", StringComparison.Ordinal);
        if (arrow > 0) return key[..arrow];
        var slash = key.IndexOf('/');
        return slash > 0 ? key[..slash] : null;
    }

    /// <summary>The labels that may host <paramref name="force"/>'s shards, best first: the force itself, then its country.</summary>
    public static IEnumerable<string> CandidateLabels(string force)
    {
        yield return force;
        var dash = force.IndexOf('-');
        if (dash > 0) yield return force[..dash];
    }
}
