using Grid.Faces.Models;
using Grid.Faces.Pipeline;
using Grid.Faces.Tests.Support;

namespace Grid.Client.Tests.Support;

/// <summary>The faces-dev photos and one shared pipeline; a test calling <see cref="Require"/> is skipped, saying
/// what is missing, on a machine without the photos or the models.</summary>
public sealed class RealPhotos : IDisposable
{
    private readonly Lazy<FacePipeline?> pipeline;
    private string? modelProblem;

    public RealPhotos() => pipeline = new(TryCreate);

    public (string Dataset, FacePipeline Pipeline) Require()
    {
        var dataset = FacesDev.Require();
        var created = pipeline.Value;
        Skip.If(created is null, $"face models unavailable ({modelProblem}); run ./grid.sh setup. Real-photo tests skipped.");
        return (dataset, created!);
    }

    private FacePipeline? TryCreate()
    {
        try
        {
            return FacePipeline.Create();
        }
        catch (FaceModelUnavailableException e)
        {
            modelProblem = e.Message;
            return null;
        }
    }

    public void Dispose()
    {
        if (pipeline.IsValueCreated)
        {
            pipeline.Value?.Dispose();
        }
    }
}
