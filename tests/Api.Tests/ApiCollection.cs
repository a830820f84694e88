namespace Grid.Api.Tests;

/// <summary>Every API test class shares one live grid and runs one after another (limits are per address).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiGrid>
{
    public const string Name = "live grid over HTTPS";
}
