using Grid.Protocol.Galleries;

namespace Grid.Client.Files;

/// <summary>A subjects file: one subjectRef per line, line i naming the subject of template row i.</summary>
public static class SubjectFiles
{
    public static string[] Read(string path, int expectedRows)
    {
        if (!File.Exists(path)) throw new TemplateFileException($"Subjects file '{path}' does not exist.");
        var lines = File.ReadAllLines(path);
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        if (lines.Length != expectedRows)
            throw new TemplateFileException($"'{path}' has {lines.Length} subjectRefs but the templates file has {expectedRows} rows; they must match line for row.");
        for (var i = 0; i < lines.Length; i++)
        {
            try
            {
                SubjectRefText.Validate(lines[i], i);
            }
            catch (Exception e)
            {
                throw new TemplateFileException($"'{path}' line {i + 1}: {e.Message}");
            }
        }
        return lines;
    }
}
