using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Contracts.Identity;

/// <summary>Writes a <see cref="ForceId"/> as its plain string (<c>"DE-BKA"</c>), as every document printed it
/// before forces were typed, and reads it back with the same validation as <see cref="ForceId.Parse"/>.</summary>
public sealed class ForceIdJsonConverter : JsonConverter<ForceId>
{
    public override ForceId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ForceId.Parse(reader.GetString() ?? throw new JsonException("A force id is a string."));

    public override void Write(Utf8JsonWriter writer, ForceId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
