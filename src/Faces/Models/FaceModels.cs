using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grid.Protocol.Local;

namespace Grid.Faces.Models;

/// <summary>
/// The verified model files. The folder is GRID_MODELS_DIR when set, else <c>.models</c> beside Grid.sln.
/// Each file's SHA-256 is checked once per process and path: a wrong model would give templates that
/// silently do not match anyone's.
/// </summary>
public sealed class FaceModels
{
    public const string DirectoryVariable = "GRID_MODELS_DIR";
    public const string DefaultFolderName = ".models";

    private static readonly ConcurrentDictionary<string, string> VerifiedSums = new();

    private FaceModels(string directory)
    {
        Directory = directory;
        DetectorPath = Verify(directory, ModelFile.Detector);
        LandmarkerPath = Verify(directory, ModelFile.Landmarker);
        EmbedderPath = Verify(directory, ModelFile.Embedder);
        EmbedderId = ModelId.From(ModelFile.Embedder.ModelName, ModelFile.Embedder.Sha256);
    }

    public string Directory { get; }
    public string DetectorPath { get; }
    public string LandmarkerPath { get; }
    public string EmbedderPath { get; }

    /// <summary>The id stamped on every template this set of models produces.</summary>
    public ModelId EmbedderId { get; }

    /// <summary>Locates and verifies the models; throws <see cref="FaceModelUnavailableException"/> naming the bad file.</summary>
    public static FaceModels Locate() => FromDirectory(ResolveDirectory());

    public static FaceModels FromDirectory(string directory) => new(Path.GetFullPath(directory));

    /// <summary>Where the models are expected, without checking them.</summary>
    public static string ResolveDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var root = RepositoryRoot.TryFind()
            ?? throw new FaceModelUnavailableException(
                Path.Combine(AppContext.BaseDirectory, DefaultFolderName),
                $"cannot be located: no {RepositoryRoot.SolutionFileName} above the app and {DirectoryVariable} is not set");
        return Path.Combine(root, DefaultFolderName);
    }

    private static string Verify(string directory, ModelFile model)
    {
        var path = Path.Combine(directory, model.FileName);
        if (!File.Exists(path))
        {
            throw new FaceModelUnavailableException(path, "is missing");
        }
        var key = $"{path}|{File.GetLastWriteTimeUtc(path).Ticks}|{new FileInfo(path).Length}";
        var actual = VerifiedSums.GetOrAdd(key, _ => HashOf(path));
        if (!string.Equals(actual, model.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new FaceModelUnavailableException(path, $"has SHA-256 {actual}, not the pinned {model.Sha256} (altered or corrupt)");
        }
        return path;
    }

    private static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
