namespace Grid.Portal.Charts;

/// <summary>One bar: its label, value, top edge and length in SVG units.</summary>
public sealed record Bar(string Label, long Value, int Y, int Length);
