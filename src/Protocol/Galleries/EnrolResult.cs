namespace Grid.Protocol.Galleries;

/// <summary>What an acknowledged enrolment did: templates newly stored, and templates skipped because the same subject
/// already holds the identical template (a resent batch is harmless).</summary>
public sealed record EnrolResult(int Added, int AlreadyPresent)
{
    /// <summary>Nothing enrolled.</summary>
    public static readonly EnrolResult None = new(0, 0);

    /// <summary>The sum of two results.</summary>
    public EnrolResult Plus(EnrolResult other) => new(Added + other.Added, AlreadyPresent + other.AlreadyPresent);
}
