namespace Grid.Faces.Models;

/// <summary>One pinned model file: its name in the models folder and the SHA-256 it must have.</summary>
public sealed record ModelFile(string FileName, string Sha256)
{
    public static readonly ModelFile Detector = new("fr_detect.onnx", "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854");
    public static readonly ModelFile Landmarker = new("fr_landmark.onnx", "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258");
    public static readonly ModelFile Embedder = new("fr_feature.onnx", "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");

    public static IReadOnlyList<ModelFile> All { get; } = [Detector, Landmarker, Embedder];

    public string ModelName => Path.GetFileNameWithoutExtension(FileName);
}
