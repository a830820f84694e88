using Grid.Protocol.Wire;

namespace Grid.Client.Files;

/// <summary>Rows of templates read from a file, row-major, <see cref="TemplateWire.Dimension"/> floats each.</summary>
public sealed record TemplateSet(float[] Vectors, int Rows)
{
    public ReadOnlySpan<float> Row(int i) => Vectors.AsSpan(i * TemplateWire.Dimension, TemplateWire.Dimension);

    public float[] Slice(int start, int count) =>
        Vectors.AsSpan(start * TemplateWire.Dimension, count * TemplateWire.Dimension).ToArray();
}
