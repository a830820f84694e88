using Grid.DevCluster;
using Xunit;

namespace Grid.Grains.Tests.Support;

/// <summary>
/// A real Azurite (the project-local one <c>./grid.sh setup</c> installs) on free loopback ports with its
/// data in a temporary folder, started by Grid.DevCluster (the code <c>./grid.sh up</c> runs); its process group is
/// killed and the folder deleted on dispose. Not installed is a failure, not a skip: CI runs setup first, and a
/// silently skipped storage test proves nothing.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public int BlobPort => Ports.Blob;
    public int QueuePort => Ports.Queue;
    public int TablePort => Ports.Table;
    public AzuritePorts Ports { get; } = AzuritePorts.Free();
    public string Location { get; } = Path.Combine(Path.GetTempPath(), "grid-azurite-" + Guid.NewGuid().ToString("N")[..12]);

    public string ConnectionString => Grid.Protocol.Local.LocalGridDefaults.AzuriteConnectionString(BlobPort, TablePort);

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(Path.Combine(Location, "data"), Ports) { LogFile = Path.Combine(Location, "azurite.log") });

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }
}
