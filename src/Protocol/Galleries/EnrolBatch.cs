namespace Grid.Protocol.Galleries;

/// <summary>Templates to enrol: row i of <see cref="Vectors"/> (flattened, <see cref="Wire.TemplateWire.Dimension"/> floats
/// per row) belongs to <see cref="SubjectRefs"/>[i]. Sent as a multipart body (subjects, then a .npy part).</summary>
public sealed record EnrolBatch(string[] SubjectRefs, float[] Vectors, string ModelId)
{
    /// <summary>Rows in the batch.</summary>
    public int Count => SubjectRefs.Length;
}
