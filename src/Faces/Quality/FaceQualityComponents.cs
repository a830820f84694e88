namespace Grid.Faces.Quality;

/// <summary>Each quality component as 0–100 (100 = no concern).</summary>
public sealed record FaceQualityComponents(int Size, int Sharpness, int Pose, int Illumination, int Occlusion)
{
    public IEnumerable<(string Name, int Value)> All() =>
        [("size", Size), ("sharpness", Sharpness), ("pose", Pose), ("illumination", Illumination), ("occlusion", Occlusion)];

    public (string Name, int Value) Weakest() => All().MinBy(c => c.Value);
}
