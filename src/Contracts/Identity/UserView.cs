namespace Grid.Contracts.Identity;

/// <summary>A force's user as listed to its admins: never the key, only its public id.</summary>
[GenerateSerializer, Immutable, Alias("grid.user-view")]
public sealed record UserView(
    [property: Id(0)] string User,
    [property: Id(1)] Role Roles,
    [property: Id(2)] string KeyId,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset Created);
