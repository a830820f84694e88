using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace Grid.Grains.Tests.Support;

/// <summary>Serializes a value with the Orleans serializer the silos use and checks it comes back whole.</summary>
public static class RoundTrip
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(Grid.Contracts.Identity.ForceId).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static T Copy<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    /// <summary>
    /// Compares through JSON because records holding ImmutableArray compare arrays by reference.
    /// </summary>
    public static void AssertSame<T>(T value)
    {
        var copy = Copy(value);
        Assert.Equal(JsonSerializer.Serialize(value), JsonSerializer.Serialize(copy));
    }
}
