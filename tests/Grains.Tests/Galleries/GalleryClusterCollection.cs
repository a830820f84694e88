using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>One Azurite and one gallery cluster for every test that needs real storage; the tests in it
/// run one after another, so a test may restart the cluster.</summary>
[CollectionDefinition(Name)]
public sealed class GalleryClusterCollection : ICollectionFixture<GalleryClusterFixture>
{
    public const string Name = "gallery cluster on Azurite";
}
