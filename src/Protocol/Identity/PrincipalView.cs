namespace Grid.Protocol.Identity;

/// <summary>Whom a key stands for: a user of a force with roles, or the grid operator (no force).</summary>
public sealed record PrincipalView(string? Force, string User, string[] Roles, bool IsOperator)
{
    /// <inheritdoc />
    public override string ToString() => IsOperator ? $"operator:{User}" : $"{Force}:{User}";
}
