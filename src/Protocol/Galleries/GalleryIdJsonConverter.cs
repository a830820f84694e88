using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Protocol.Galleries;

/// <summary>A gallery is a plain <c>"FORCE/name"</c> string on the wire, easy to write from curl or Python.</summary>
public sealed class GalleryIdJsonConverter : JsonConverter<GalleryId>
{
    /// <inheritdoc />
    public override GalleryId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A gallery must be a string FORCE/NAME.");
        try
        {
            return GalleryId.Parse(text);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, GalleryId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key);
}
