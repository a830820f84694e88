using System.Text.Json;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The gallery id typed its force as <see cref="ForceId"/> without changing what is stored: galleries and
/// agreement terms written while the force was a string still read, and documents still print it as a string.</summary>
public sealed class GalleryIdCompatibilityTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(ForceId).Assembly).AddAssembly(typeof(GalleryIdCompatibilityTests).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_gallery_id_stored_with_a_string_force_reads_back()
    {
        var stored = Serializer.SerializeToArray(new StringForceGalleryId("DE-BKA", "suspects"));
        var read = Serializer.Deserialize<GalleryId>(stored)!;
        Assert.Equal(new GalleryId(ForceId.Parse("DE-BKA"), "suspects"), read);
        Assert.Equal(ForceId.Parse("DE-BKA"), read.Force);

        // And the other way: what is written now is what the string-typed shape reads.
        var back = Serializer.Deserialize<StringForceGalleryId>(Serializer.SerializeToArray(read));
        Assert.Equal(new StringForceGalleryId("DE-BKA", "suspects"), back);
    }

    [Fact]
    public void Json_grain_storage_reads_galleries_stored_with_a_string_force_and_writes_the_same_shape()
    {
        // What Newtonsoft (JSON grain storage) wrote while the force was a string; it writes the same now.
        const string stored = "{\"Force\":\"DE-BKA\",\"Name\":\"suspects\",\"Key\":\"DE-BKA/suspects\"}";
        var read = Newtonsoft.Json.JsonConvert.DeserializeObject<GalleryId>(stored)!;
        Assert.Equal(new GalleryId("DE-BKA", "suspects"), read);
        var written = Newtonsoft.Json.JsonConvert.SerializeObject(read);
        Assert.Contains("\"Force\":\"DE-BKA\"", written);
        Assert.Equal(read, Newtonsoft.Json.JsonConvert.DeserializeObject<GalleryId>(written));
        Assert.Equal(read, JsonSerializer.Deserialize<GalleryId>(stored));
    }

    [Fact]
    public void Json_prints_the_force_as_a_string()
    {
        var json = JsonSerializer.Serialize(new GalleryId("NL-KLPD", "x"));
        Assert.Contains("\"Force\":\"NL-KLPD\"", json);
        Assert.Equal(new GalleryId("NL-KLPD", "x"), JsonSerializer.Deserialize<GalleryId>(json));
        Assert.Throws<ArgumentException>(() => new GalleryId("XX", "x"));
    }
}

/// <summary>The gallery id's wire shape before its force was typed (same field ids, force as a string).</summary>
[GenerateSerializer]
public sealed record StringForceGalleryId([property: Id(0)] string Force, [property: Id(1)] string Name);
