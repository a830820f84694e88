using Grid.Contracts.Identity;

namespace Grid.Grains.Identity;

[GenerateSerializer, Immutable, Alias("grid.user-record")]
public sealed record UserRecord(
    [property: Id(0)] string User,
    [property: Id(1)] Role Roles,
    [property: Id(2)] string KeyId,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset Created)
{
    public UserView ToView() => new(User, Roles, KeyId, Disabled, Created);
}
