namespace Grid.Indexing.Tests;

/// <summary>Engine specs that every engine-agnostic test runs against.</summary>
public static class EngineSpecs
{
    public static TheoryData<string> All => new() { "exact" };
}
