namespace Grid.Contracts.Galleries;

/// <summary>What an acknowledged enrolment did: templates newly stored, and templates skipped because
/// the same subject already holds the identical template (a resent batch is harmless).</summary>
[GenerateSerializer, Immutable, Alias("grid.EnrolResult")]
public sealed record EnrolResult([property: Id(0)] int Added, [property: Id(1)] int AlreadyPresent)
{
    public static readonly EnrolResult None = new(0, 0);
    public EnrolResult Plus(EnrolResult other) => new(Added + other.Added, AlreadyPresent + other.AlreadyPresent);
}
