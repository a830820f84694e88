using Grid.Protocol.Local;

namespace Grid.Faces.Tests.Support;

/// <summary>
/// Locates the real-photo set: GRID_FACES_DEV, else ../shared/faces-dev beside the checkout.
/// The photos are third parties' and never copied into the repository.
/// </summary>
public static class FacesDev
{
    public const string DirectoryVariable = "GRID_FACES_DEV";

    public static string? TryLocate()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }
        var root = RepositoryRoot.TryFind();
        var candidate = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "faces-dev"));
        return candidate is not null && File.Exists(Path.Combine(candidate, "labels.csv")) ? candidate : null;
    }

    /// <summary>The folder, or a skip (reported as skipped, not passed) saying what is missing.</summary>
    public static string Require()
    {
        var found = TryLocate();
        Skip.If(found is null,
            $"faces-dev photos not found (../shared/faces-dev beside the checkout, or set {DirectoryVariable}); real-photo tests skipped.");
        return found!;
    }
}
