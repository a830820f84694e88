using Grid.DevCluster;

namespace Grid.Grains.Tests.Support;

/// <summary>
/// A real Azurite (the one <c>./grid.sh setup</c> installs under <c>.tools</c>) on free loopback ports with
/// its data in a temporary folder, started by Grid.DevCluster; killed, and the folder deleted, on dispose. Missing
/// Azurite is a failure, not a skip: a silently skipped storage test proves nothing.
/// </summary>
public sealed class AuditAzurite : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly string _location;

    private AuditAzurite(AzuriteProcess azurite, string location) => (_azurite, _location) = (azurite, location);

    public string ConnectionString => _azurite.ConnectionString;

    public static async Task<AuditAzurite> StartAsync()
    {
        var location = Directory.CreateTempSubdirectory("grid-audit-azurite-").FullName;
        try
        {
            var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(Path.Combine(location, "data"), AzuritePorts.Free())
            {
                LogFile = Path.Combine(location, "azurite.log"),
            });
            return new AuditAzurite(azurite, location);
        }
        catch
        {
            Directory.Delete(location, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_location, recursive: true);
    }
}
