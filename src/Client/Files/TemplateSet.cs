using Grid.Contracts.Templates;

namespace Grid.Client.Files;

/// <summary>Rows of templates read from a file, row-major, <see cref="TemplateRules.Dimension"/> floats each.</summary>
public sealed record TemplateSet(float[] Vectors, int Rows)
{
    public ReadOnlySpan<float> Row(int i) => Vectors.AsSpan(i * TemplateRules.Dimension, TemplateRules.Dimension);

    public float[] Slice(int start, int count) =>
        Vectors.AsSpan(start * TemplateRules.Dimension, count * TemplateRules.Dimension).ToArray();
}
