namespace Grid.Faces.Models;

/// <summary>
/// Identifies the embedder that produced a template, e.g. <c>fr_feature@87aacdfe5751</c>:
/// templates from different models are not comparable, so every template carries this.
/// </summary>
public readonly record struct ModelId
{
    private const int HashPrefixLength = 12;

    public ModelId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    /// <summary>The id of a model file given its name without extension and its SHA-256 in hex.</summary>
    public static ModelId From(string modelName, string sha256Hex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        if (sha256Hex.Length < HashPrefixLength)
        {
            throw new ArgumentException("A SHA-256 in hex has 64 characters.", nameof(sha256Hex));
        }
        return new ModelId($"{modelName}@{sha256Hex[..HashPrefixLength].ToLowerInvariant()}");
    }

    public override string ToString() => Value;
}
