namespace Grid.Faces.Bench;

/// <summary>
/// Replaces the text between a begin and an end marker in a Markdown file (or appends the marked section when the
/// file has none), so the generated face-throughput lines sit inside docs/BENCHMARKS.md's hand-kept part, which
/// Grid.Bench carries over when it rewrites the file.
/// </summary>
public static class MarkedSection
{
    public const string Begin = "<!-- faces-throughput:begin (written by ./grid.sh bench --faces; text up to the end marker is replaced) -->";
    public const string End = "<!-- faces-throughput:end -->";

    public static void Write(string path, string body)
    {
        var old = File.Exists(path) ? File.ReadAllText(path) : "";
        var section = $"{Begin}\n{body.TrimEnd()}\n{End}";
        var start = old.IndexOf(Begin, StringComparison.Ordinal);
        var end = start < 0 ? -1 : old.IndexOf(End, start, StringComparison.Ordinal);
        var text = start >= 0 && end > start
            ? old[..start] + section + old[(end + End.Length)..]
            : old.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
    }
}
