using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Grid.Protocol.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Silo;

/// <summary>On the grid's very first start, creates the operator's key and writes it once to a 0600 file.
/// Later starts find the operator already bootstrapped and do nothing.</summary>
public sealed class OperatorBootstrap(IGrainFactory grains, SiloOptions options, ILogger<OperatorBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.OperatorKeyFile is not { } path) return;
        var issued = await grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("operator");
        if (issued is null) return;
        if (File.Exists(path))
            throw new InvalidOperationException($"The grid issued a new operator key but {path} already exists; move it away and restart.");
        KeyFile.Write(path, issued.Key);
        logger.LogWarning("Operator key created and written to {Path} (mode 0600); it is shown nowhere else", path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
