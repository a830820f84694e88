using Azure.Core;
using Azure.Core.Pipeline;

namespace Grid.Grains.Tests.Support;

/// <summary>A blob client policy that, once tripped, fails every request before it leaves the process:
/// what storage sees of a silo that has crashed.</summary>
public sealed class StorageFence : HttpPipelinePolicy
{
    private volatile bool _tripped;

    public void Trip() => _tripped = true;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfTripped();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfTripped();
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfTripped()
    {
        // Not a transient fault type, so no retry policy keeps a dead silo's writes alive.
        if (_tripped) throw new InvalidOperationException("This silo has crashed (test storage fence): storage is out of reach.");
    }
}
