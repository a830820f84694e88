using Grid.Protocol.Galleries;

namespace Grid.Client.Faces;

/// <summary>
/// Reads which photo shows which subject, from one of two layouts: a folder per subject (the folder's
/// name is the subjectRef), or a CSV of <c>path,subjectRef</c>. Every subjectRef is checked here, so a bad
/// label fails before any photo is analysed rather than half-way through an enrolment.
/// </summary>
public static class ImageLabels
{
    /// <summary>Photos in each immediate sub-folder of <paramref name="directory"/>, labelled with the sub-folder's name;
    /// files directly in <paramref name="directory"/> belong to no subject and are left out.</summary>
    public static IReadOnlyList<LabelledImage> FromFolders(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ArgumentException($"--images {directory}: no such folder.");
        }
        var subjects = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).ToList();
        if (subjects.Count == 0)
        {
            throw new ArgumentException($"--images {directory} has no sub-folders: put each subject's photos in a folder named by its subjectRef.");
        }
        var images = new List<LabelledImage>();
        foreach (var folder in subjects)
        {
            var subjectRef = Path.GetFileName(folder);
            Check(subjectRef, $"folder {folder}");
            images.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(FaceImageAnalyzer.IsImageFile)
                .Order(StringComparer.Ordinal)
                .Select(path => new LabelledImage(path, subjectRef)));
        }
        return images;
    }

    /// <summary>
    /// Lines of <c>path,subjectRef</c>; an optional first line <c>path,…</c> is a header. Relative paths are taken from
    /// <paramref name="baseDirectory"/>, else from the CSV's folder. Blank lines are skipped; fields are not quoted.
    /// </summary>
    public static IReadOnlyList<LabelledImage> FromCsv(string csvPath, string? baseDirectory = null)
    {
        if (!File.Exists(csvPath))
        {
            throw new ArgumentException($"--labels {csvPath}: no such file.");
        }
        var root = baseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var images = new List<LabelledImage>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(csvPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (lineNumber == 1 && fields[0].Equals("path", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (fields.Length != 2 || fields[0].Length == 0)
            {
                throw new ArgumentException($"{csvPath} line {lineNumber}: expected 'path,subjectRef' (two fields, no quoting), got '{line}'.");
            }
            Check(fields[1], $"{csvPath} line {lineNumber}");
            images.Add(new LabelledImage(Path.Combine(root, fields[0]), fields[1]));
        }
        if (images.Count == 0)
        {
            throw new ArgumentException($"{csvPath} lists no photos.");
        }
        return images;
    }

    private static void Check(string subjectRef, string where)
    {
        try
        {
            SubjectRefText.Validate(subjectRef);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{where}: {e.Message}", e);
        }
    }
}
