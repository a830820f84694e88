using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Contracts.Galleries;

/// <summary>
/// JSON for a <see cref="GalleryId"/> in the shape it had while its force was a string —
/// <c>{"Force":"DE-BKA","Name":"suspects","Key":"DE-BKA/suspects"}</c> — so documents and blobs written before forces
/// were typed still read, and nothing reading them changes. Property names match case-insensitively on read.
/// </summary>
public sealed class GalleryIdJsonConverter : JsonConverter<GalleryId>
{
    public override GalleryId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A gallery id is an object with Force and Name.");
        }

        string? force = null, name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (string.Equals(property, "Force", StringComparison.OrdinalIgnoreCase))
            {
                force = reader.GetString();
            }
            else if (string.Equals(property, "Name", StringComparison.OrdinalIgnoreCase))
            {
                name = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new GalleryId(force ?? throw new JsonException("A gallery id needs a Force."), name ?? throw new JsonException("A gallery id needs a Name."));
    }

    public override void Write(Utf8JsonWriter writer, GalleryId value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Name(options, "Force"), value.Force.Value);
        writer.WriteString(Name(options, "Name"), value.Name);
        writer.WriteString(Name(options, "Key"), value.Key);
        writer.WriteEndObject();
    }

    private static string Name(JsonSerializerOptions options, string name) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;
}
