using Grid.Grains.Audit;
using Grid.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Backup;

public static class GridBackupServiceCollectionExtensions
{
    /// <summary>Backup and restore of one force's blobs (the API's operator endpoints use them); the containers are the
    /// ones the grains use (<c>Grid:Storage</c>, <c>Grid:Audit</c>) and Orleans' grain-state container.</summary>
    public static IServiceCollection AddGridBackup(this IServiceCollection services, string grainStateContainer = BackupLayout.DefaultGrainStateContainer)
    {
        services.AddSingleton(sp => new BackupLayout(
            sp.GetRequiredService<IOptions<GridStorageOptions>>().Value.ShardContainer,
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.Container,
            grainStateContainer));
        services.AddSingleton<ForceBackupWriter>();
        services.AddSingleton<ForceRestorer>();
        return services;
    }
}
