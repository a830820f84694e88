namespace Grid.Protocol.Identity;

/// <summary>A force administrator adds a user with roles (names, see <see cref="RoleNames"/>).</summary>
public sealed record CreateUserRequest(string User, string[] Roles);
