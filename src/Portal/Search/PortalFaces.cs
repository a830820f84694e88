using Grid.Faces.Pipeline;

namespace Grid.Portal.Search;

/// <summary>The face pipeline, loaded once on first use: photos are analysed in the portal's process and never sent to the grid.</summary>
public sealed class PortalFaces : IDisposable
{
    private readonly Lazy<FacePipeline> _pipeline = new(() => FacePipeline.Create(), LazyThreadSafetyMode.ExecutionAndPublication);

    public FacePipeline Pipeline => _pipeline.Value;

    public void Dispose()
    {
        if (_pipeline.IsValueCreated) _pipeline.Value.Dispose();
    }
}
