using Grid.Faces.Pipeline;

namespace Grid.Faces.Tests.Support;

/// <summary>One pipeline for the whole test run: sessions are costly to build and safe to share.</summary>
public sealed class PipelineFixture : IDisposable
{
    private readonly Lazy<FacePipeline> pipeline = new(() => FacePipeline.Create());

    public FacePipeline Pipeline => pipeline.Value;

    public void Dispose()
    {
        if (pipeline.IsValueCreated)
        {
            pipeline.Value.Dispose();
        }
    }
}
