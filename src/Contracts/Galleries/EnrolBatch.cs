namespace Grid.Contracts.Galleries;

/// <summary>Templates to enrol: row i of <see cref="Vectors"/> (flattened, <see cref="Templates.TemplateRules.Dimension"/>
/// floats per row) belongs to <see cref="SubjectRefs"/>[i]. Flattened so a batch crosses the wire as one block.</summary>
[GenerateSerializer, Immutable, Alias("grid.EnrolBatch")]
public sealed record EnrolBatch(
    [property: Id(0)] string[] SubjectRefs,
    [property: Id(1)] float[] Vectors,
    [property: Id(2)] string ModelId)
{
    public int Count => SubjectRefs.Length;
}
