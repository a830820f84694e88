using Azure.Storage.Blobs;
using Grid.Contracts.Galleries;
using Grid.Protocol.Wire;
using Orleans.Runtime;

namespace Grid.Api.Hosting;

/// <summary>
/// <c>/readyz</c>: storage answers, this silo is an active member of the cluster, and the gallery catalogue loads.
/// Checked at most every two seconds whatever the probe rate (a probe must not become load), each check bounded.
/// </summary>
public sealed class ReadinessProbe(BlobServiceClient blobs, IClusterMembershipService membership, ILocalSiloDetails silo, IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (Readiness Result, DateTimeOffset At)? _last;

    public async Task<Readiness> CheckAsync()
    {
        if (_last is { } last && clock.GetUtcNow() - last.At < CacheFor) return last.Result;
        await _gate.WaitAsync();
        try
        {
            if (_last is { } again && clock.GetUtcNow() - again.At < CacheFor) return again.Result;
            RequestContext.Clear(); // silo-internal checks: no caller's key
            var checks = await Task.WhenAll(
                Check("storage", async cancel => await blobs.GetPropertiesAsync(cancel)),
                Check("cluster", _ => membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active
                    ? Task.CompletedTask : throw new InvalidOperationException($"this silo is {membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress)}")),
                Check("catalogues", async _ => await grains.GetGrain<IGalleryCatalogGrain>(0).ListAsync()));
            var result = new Readiness(checks.All(c => c.Ok), checks);
            _last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<ReadinessCheck> Check(string name, Func<CancellationToken, Task> check)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await check(timeout.Token).WaitAsync(timeout.Token);
            return new ReadinessCheck(name, true, null);
        }
        catch (Exception e)
        {
            return new ReadinessCheck(name, false, e is OperationCanceledException ? "no answer within 3 s" : e.GetType().Name);
        }
    }
}
