namespace Grid.Protocol.Identity;

/// <summary>A force's user as listed to its admins: never the key, only its public id.</summary>
public sealed record UserView(string User, string[] Roles, string KeyId, bool Disabled, DateTimeOffset Created);
