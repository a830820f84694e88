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
    /// Unsharp-mask amount (σ 2 px) for the crop embedded from a soft face, one whose aligned crop's Laplacian variance
    /// is below <see cref="SoftFaceSharpness"/>; 0 = off. The quality score is still measured on the unsharpened crop.
    /// 2 by default: on the harder set blur TAR at FAR 0.1 % 0.472 → 0.744 (0.774 with the detector's sharpened retry),
    /// dark 0.982 → 0.995, low contrast 0.992 → 1.000; no clean faces-dev face is soft, so clean photos are untouched.
    /// </summary>
    public float SoftFaceSharpening { get; init; } = 2;

    /// <summary>
    /// For a soft face, landmarks found again on unsharp-masked 64×64 crops (amount; 0 = off) and the face re-aligned on them.
    /// Off: on the blurred probes TAR at FAR 0.1 % rose (0.774 → 0.789) but FAR 1 %, rank-1 and the mean genuine score fell.
    /// </summary>
    public float SoftFaceLandmarkSharpening { get; init; }

    /// <summary>Laplacian variance of the aligned crop's inner face below which a face counts as soft.</summary>
    public float SoftFaceSharpness { get; init; } = 42;

    /// <summary>
    /// Embed a face whose mouth region is flat next to its eyes (covered lower face) from a crop aligned on the eyes and
    /// nose only, since the mouth-corner landmarks of a covered mouth are guesses that tilt and scale the crop.
    /// Off: on the harder set the barred probes gain a little (TAR at FAR 0.1 % 0.807 → 0.810, rank-1 41 → 42 of 48) but
    /// their impostor scores rise too, and all variants pooled lose (0.946 → 0.943).
    /// </summary>
    public bool AlignCoveredMouthOnEyesAndNose { get; init; }

    /// <summary>Mouth-to-eye contrast ratio below which the lower face counts as covered (clean faces-dev faces ≥ 0.45).</summary>
    public float CoveredMouthContrastRatio { get; init; } = 0.15f;
}
