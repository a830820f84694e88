namespace Grid.Faces.Tests.Support;

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "face pipeline";
}
