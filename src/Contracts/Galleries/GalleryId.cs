namespace Grid.Contracts.Galleries;

/// <summary>A gallery is named within its owning force: <c>FORCE/name</c>, e.g. <c>DE-BKA/suspects</c>.</summary>
[GenerateSerializer, Immutable, Alias("grid.gallery-id")]
public sealed record GalleryId([property: Id(0)] string Force, [property: Id(1)] string Name)
{
    /// <summary>Parses <c>FORCE/name</c>; the force part is not validated here (see <c>ForceId</c>).</summary>
    public static GalleryId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            throw new FormatException($"'{text}' is not a gallery id of the form FORCE/name.");
        }

        return new GalleryId(text[..slash], text[(slash + 1)..]);
    }

    public override string ToString() => $"{Force}/{Name}";
}
