using Xunit;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>One Azurite and one grid for the red-team attacks; they run one after another (some restart the grid).</summary>
[CollectionDefinition(Name)]
public sealed class RedTeamCollection : ICollectionFixture<RedTeamFixture>
{
    public const string Name = "red team on Azurite";
}
