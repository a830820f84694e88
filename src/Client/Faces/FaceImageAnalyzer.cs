using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;

namespace Grid.Client.Faces;

/// <summary>
/// Runs the face pipeline on the caller's own photos, in this process: photos never leave the machine,
/// only templates do. Many photos are analysed in parallel (the pipeline is thread-safe and uses one
/// thread per call) and returned in input order.
/// </summary>
public sealed class FaceImageAnalyzer(FacePipeline pipeline)
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp"];

    public string ModelId => pipeline.ModelId.Value;

    /// <summary>Faces of one photo; decoding and file errors become <see cref="ImageAnalysis.ErrorReason"/>, not exceptions,
    /// so one bad photo does not stop a folder.</summary>
    public ImageAnalysis Analyze(string path)
    {
        try
        {
            return new ImageAnalysis(path, pipeline.AnalyzeFile(path), null, null);
        }
        catch (ImageRejectedException e)
        {
            return new ImageAnalysis(path, [], e.Reason.ToString(), e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImageAnalysis(path, [], ImageAnalysis.UnreadableReason, e.Message);
        }
    }

    /// <summary>Analyses <paramref name="paths"/> in parallel chunks and yields results in input order as each chunk completes.</summary>
    public IEnumerable<ImageAnalysis> AnalyzeAll(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        // Chunks of a few photos per core keep every core busy while results still stream out in order.
        var chunkSize = Environment.ProcessorCount * 4;
        foreach (var chunk in paths.Chunk(chunkSize))
        {
            var results = new ImageAnalysis[chunk.Length];
            Parallel.For(0, chunk.Length,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => results[i] = Analyze(chunk[i]));
            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    /// <summary>The face to search with: the only one, or <paramref name="faceIndex"/>.</summary>
    /// <exception cref="FaceSelectionException">No face, or several and no index, or an index out of range.</exception>
    /// <exception cref="ImageRejectedException">The file is not an acceptable photo.</exception>
    public ImageProbe Probe(string path, int? faceIndex)
    {
        var faces = pipeline.AnalyzeFile(path);
        var face = FaceSelection.ForProbe(faces, faceIndex).Require(path, faces);
        return new ImageProbe(path, faceIndex ?? 0, faces.Count, face);
    }

    /// <summary>The probe faces of a photo: all, or those in <paramref name="faceIndices"/>, less those below <paramref name="minQuality"/>.</summary>
    /// <exception cref="FaceSelectionException">No face, an index out of range, or every chosen face below the floor.</exception>
    /// <exception cref="ImageRejectedException">The file is not an acceptable photo.</exception>
    public (IReadOnlyList<ImageProbe> Probes, IReadOnlyList<(int Index, string Reason)> Skipped) Probes(string path, IReadOnlyList<int>? faceIndices,
        int minQuality = FaceSelection.DefaultMinQuality)
    {
        var faces = pipeline.AnalyzeFile(path);
        var selection = FaceSelection.ForProbes(faces, faceIndices, minQuality);
        var chosen = selection.Require(path, faces);
        return (chosen.Select(c => new ImageProbe(path, c.Index, faces.Count, c.Face)).ToList(), selection.Skipped);
    }

    public static bool IsImageFile(string path) =>
        ImageExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Files as given, and the photos (by extension) anywhere under given folders, each folder's in name order.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> filesOrFolders)
    {
        var paths = new List<string>();
        foreach (var item in filesOrFolders)
        {
            if (Directory.Exists(item))
            {
                paths.AddRange(Directory.EnumerateFiles(item, "*", SearchOption.AllDirectories)
                    .Where(IsImageFile)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                // A missing file is kept: its analysis reports it as unreadable, beside the others.
                paths.Add(item);
            }
        }
        return paths;
    }
}
