namespace Grid.Contracts.Identity;

/// <summary>
/// The authenticated caller, set by the silo's authentication filter from the caller's API key.
/// Grains trust only this, never a force id passed as an argument. The grid operator has no force.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.principal")]
public sealed record Principal(
    [property: Id(0)] ForceId? Force,
    [property: Id(1)] string User,
    [property: Id(2)] Role Roles,
    [property: Id(3)] bool IsOperator)
{
    public static Principal Operator(string user) => new(null, user, Role.None, true);

    public bool Has(Role role) => role != Role.None && (Roles & role) == role;

    /// <summary>True when this principal is a user of <paramref name="force"/> holding <paramref name="role"/>.</summary>
    public bool Acts(ForceId force, Role role) => Force == force && Has(role);

    public override string ToString() => IsOperator ? $"operator:{User}" : $"{Force}:{User}";
}
