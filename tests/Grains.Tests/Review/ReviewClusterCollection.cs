using Xunit;

namespace Grid.Grains.Tests.Review;

[CollectionDefinition(Name)]
public sealed class ReviewClusterCollection : ICollectionFixture<ReviewClusterFixture>
{
    public const string Name = "review cluster";
}
