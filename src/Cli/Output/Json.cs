using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Cli.Output;

/// <summary>Machine-readable output: one compact JSON document per line, camelCase.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteLine(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
