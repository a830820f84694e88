using Grid.Protocol.Galleries;

namespace Grid.Client.Files;

/// <summary>The rules the grid applies to every row of a bulk enrolment, checked over the whole file before the client
/// sends its first batch: a bad row late in a file would otherwise be found only after the earlier batches were stored.
/// The grid re-checks everything (and a few Unicode rules for subjectRefs that only it applies).</summary>
public static class TemplateFileCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad row of the file (0-based, as the grid does).</summary>
    public static void Require(IReadOnlyList<string> subjectRefs, TemplateSet templates, int skip = 0)
    {
        var seen = new Dictionary<(string, int), int>();
        for (var row = skip; row < templates.Rows; row++)
        {
            if (SubjectRefText.Problem(subjectRefs[row], row) is { } problem)
                throw new ArgumentException($"Row {row} of the file: {problem} Nothing was sent.");
            var values = templates.Row(row);
            double sum = 0;
            foreach (var v in values)
            {
                if (!float.IsFinite(v))
                    throw new ArgumentException($"Row {row} of the file: the template contains NaN or infinity. Nothing was sent.");
                sum += (double)v * v;
            }
            if (Math.Sqrt(sum) < 1e-12)
                throw new ArgumentException($"Row {row} of the file: the template is a zero vector (or nearly). Nothing was sent.");
            // A cheap content hash picks candidates; equal bytes confirm the repeat.
            var key = (subjectRefs[row], HashOf(values));
            if (seen.TryGetValue(key, out var earlier) && templates.Row(earlier).SequenceEqual(values))
                throw new ArgumentException($"Row {row} of the file repeats row {earlier} (same subjectRef, same template). Nothing was sent.");
            seen.TryAdd(key, row);
        }
    }

    private static int HashOf(ReadOnlySpan<float> values)
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        return hash.ToHashCode();
    }
}
