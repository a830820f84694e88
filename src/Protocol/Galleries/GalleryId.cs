using System.Text.Json.Serialization;

namespace Grid.Protocol.Galleries;

/// <summary>A gallery: the owning force and a name, written <c>FORCE/name</c> (on the wire too).</summary>
[JsonConverter(typeof(GalleryIdJsonConverter))]
public sealed record GalleryId(string Force, string Name)
{
    /// <summary>Longest gallery name the grid accepts.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Parses <c>FORCE/name</c>; throws <see cref="FormatException"/> naming the rule that failed. The grid checks
    /// the force id again; this check only catches typing mistakes before a request is sent.</summary>
    public static GalleryId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash != text.LastIndexOf('/') || slash == text.Length - 1)
            throw new FormatException($"'{text}' is not a gallery: write FORCE/NAME, e.g. DE-BKA/suspects.");
        var id = new GalleryId(text[..slash], text[(slash + 1)..]);
        if (id.Name.Length > MaxNameLength || !id.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new FormatException($"Gallery name '{id.Name}' is invalid: use 1-{MaxNameLength} characters from A-Z a-z 0-9 - _ .");
        if (!id.Force.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new FormatException($"'{id.Force}' is not a force id: CC or CC-AGENCY in upper case.");
        return id;
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out GalleryId? id)
    {
        try
        {
            id = text is null ? null : Parse(text);
        }
        catch (FormatException)
        {
            id = null;
        }
        return id is not null;
    }

    /// <summary><c>FORCE/name</c>.</summary>
    public string Key => $"{Force}/{Name}";

    /// <inheritdoc />
    public override string ToString() => Key;
}
