namespace Grid.Contracts.Galleries;

/// <summary>A gallery's identity: the owning force and a name, written <c>FORCE/name</c>.</summary>
[GenerateSerializer, Immutable, Alias("grid.GalleryId")]
public sealed record GalleryId([property: Id(0)] string Force, [property: Id(1)] string Name)
{
    public const int MaxNameLength = 64;

    /// <summary>Parses <c>FORCE/name</c>; throws <see cref="ArgumentException"/> with the rule that failed.</summary>
    public static GalleryId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash != text.LastIndexOf('/') || slash == text.Length - 1)
            throw new FormatException($"'{text}' is not a gallery: write FORCE/NAME, e.g. DE-BKA/suspects.");
        var id = new GalleryId(text[..slash], text[(slash + 1)..]);
        id.Validate();
        return id;
    }

    public void Validate()
    {
        if (!Identity.ForceId.IsValid(Force, out var problem)) throw new ArgumentException(problem);
        if (Name.Length is 0 or > MaxNameLength || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException(
                $"Gallery name '{Name}' is invalid: use 1-{MaxNameLength} characters from A-Z a-z 0-9 - _ .");
        // Names become blob paths: '.', '..', '.hidden' or 'a..b' could land outside the force's own folder.
        if (!char.IsAsciiLetterOrDigit(Name[0]) || Name.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException(
                $"Gallery name '{Name}' is invalid: it must start with a letter or digit and may not contain '..' (no path-like names).");
    }

    /// <summary>The grain key of the gallery and the prefix of its shards' keys.</summary>
    public string Key => $"{Force}/{Name}";

    public override string ToString() => Key;
}
