namespace Grid.Grains.Backup;

/// <summary>The blob containers a force's data lives in: shard journals (<c>{F}/{gallery}/{n}/…</c>), audit logs
/// (<c>{F}/…</c>) and grain state (Orleans' Azure blob grain storage: <c>{state}-{grainType}/{key}.json</c>).</summary>
public sealed record BackupLayout(string ShardContainer, string AuditContainer, string GrainStateContainer)
{
    /// <summary>Orleans' Azure blob grain storage's default container, which the silo's "grid" provider uses.</summary>
    public const string DefaultGrainStateContainer = "grainstate";
}
