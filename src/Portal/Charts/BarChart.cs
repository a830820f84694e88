namespace Grid.Portal.Charts;

/// <summary>
/// A horizontal bar chart's geometry, computed here so the page only writes SVG elements (no chart library, no script).
/// Bars are scaled to the largest value; a zero draws no bar but keeps its row and label.
/// </summary>
public sealed record BarChart(string Title, IReadOnlyList<Bar> Bars, int Width, int Height)
{
    public const int LabelWidth = 110;
    public const int BarArea = 300;
    public const int RowHeight = 26;
    public const int BarHeight = 18;

    public static BarChart Of(string title, IReadOnlyList<(string Label, long Value)> rows)
    {
        var max = rows.Count == 0 ? 0 : rows.Max(r => r.Value);
        var bars = rows.Select((r, i) => new Bar(
            r.Label,
            r.Value,
            i * RowHeight,
            max <= 0 ? 0 : Math.Max(r.Value > 0 ? 1 : 0, (int)Math.Round(BarArea * (double)r.Value / max)))).ToList();
        return new BarChart(title, bars, LabelWidth + BarArea + 70, Math.Max(1, rows.Count) * RowHeight);
    }
}
