namespace Grid.Contracts.Galleries;

public static class ShardKeys
{
    public static string For(GalleryId gallery, int index) => $"{gallery.Key}/{index}";
}
