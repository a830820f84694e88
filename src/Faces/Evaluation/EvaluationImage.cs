namespace Grid.Faces.Evaluation;

/// <summary>One row of labels.csv.</summary>
public sealed record EvaluationImage(string RelativePath, IReadOnlyList<string> Identities, EvaluationImageKind Kind)
{
    /// <summary>Reads <c>labels.csv</c> (path,identity,…) of a faces-dev style folder, in file order.</summary>
    public static IReadOnlyList<EvaluationImage> ReadLabels(string datasetDirectory)
    {
        var labels = Path.Combine(datasetDirectory, "labels.csv");
        return File.ReadLines(labels)
            .Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(Parse)
            .ToList();
    }

    private static EvaluationImage Parse(string line)
    {
        var columns = line.Split(',');
        var path = columns[0].Trim();
        var kind = path.Split('/')[0] switch
        {
            "images" => EvaluationImageKind.SingleFace,
            "multi" => EvaluationImageKind.MultiFace,
            "negatives" => EvaluationImageKind.Negative,
            var other => throw new FormatException($"labels.csv: '{path}' is in an unknown folder '{other}'."),
        };
        var identities = kind == EvaluationImageKind.Negative ? [] : columns[1].Split(';').Select(i => i.Trim()).ToArray();
        return new EvaluationImage(path, identities, kind);
    }
}
