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

    /// <summary>
    /// Unsharp-mask amount for the crop embedded from a soft face (aligned crop's Laplacian variance below
    /// <see cref="SoftFaceSharpness"/>); 0 = off. The quality score is still measured on the unsharpened crop.
    /// </summary>
    public float SoftFaceSharpening { get; init; }

    /// <summary>Laplacian variance of the aligned crop's inner face below which a face counts as soft.</summary>
    public float SoftFaceSharpness { get; init; } = 42;

    /// <summary>
    /// Embed a face whose mouth region is flat next to its eyes (covered lower face) from a crop aligned on the eyes and
    /// nose only, since the mouth-corner landmarks of a covered mouth are guesses that tilt and scale the crop.
    /// </summary>
    public bool AlignCoveredMouthOnEyesAndNose { get; init; }

    /// <summary>Mouth-to-eye contrast ratio below which the lower face counts as covered (clean faces-dev faces ≥ 0.45).</summary>
    public float CoveredMouthContrastRatio { get; init; } = 0.15f;
}
