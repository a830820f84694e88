using Grid.Faces.Detection;
using Grid.Faces.Imaging;

namespace Grid.Faces.Pipeline;

/// <summary>Settings of a <see cref="FacePipeline"/>.</summary>
public sealed record FacePipelineOptions
{
    public ImageLimits ImageLimits { get; init; } = ImageLimits.Default;

    public FaceDetectorOptions Detector { get; init; } = new();

    /// <summary>
    /// Threads each model run may use. 1 by default: the pipeline is safe for concurrent callers, and
    /// one thread per call scales better across photos than splitting small models across cores.
    /// </summary>
    public int ThreadsPerCall { get; init; } = 1;

    /// <summary>
    /// Template = L2-normalised mean of the embeddings of the aligned face and its mirror image. Off by default:
    /// measured on faces-dev and its variants it does not pay for the second embedding (docs/FACES.md).
    /// </summary>
    public bool MirrorAveragedTemplates { get; init; }
}
