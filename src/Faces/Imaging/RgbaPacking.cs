using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Grid.Faces.Imaging;

/// <summary>RGBA → RGB for the opaque run at the start of a row, four pixels per shuffle (decode's per-pixel cost on large photos).</summary>
internal static class RgbaPacking
{
    private static readonly Vector128<byte> DropAlpha = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);

    /// <summary>Packs pixels while they are opaque; returns how many were packed (the caller handles the rest).</summary>
    public static int PackOpaque(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        var width = rgba.Length / 4;
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(rgba);
            ref var target = ref MemoryMarshal.GetReference(rgb);
            var alphaMask = Vector128.Create(0xFF000000u);
            // Each store writes 16 bytes of which 12 are kept, so stop while 4 spare bytes remain in the row.
            for (; x + 6 <= width; x += 4)
            {
                var block = Vector128.LoadUnsafe(ref source, (nuint)(x * 4));
                if ((block.AsUInt32() & alphaMask) != alphaMask)
                {
                    break; // the scalar loop finds the exact pixel
                }
                Vector128.Shuffle(block, DropAlpha).StoreUnsafe(ref target, (nuint)(x * 3));
            }
        }
        for (; x < width; x++)
        {
            if (rgba[(x * 4) + 3] != 255)
            {
                return x;
            }
            rgb[x * 3] = rgba[x * 4];
            rgb[(x * 3) + 1] = rgba[(x * 4) + 1];
            rgb[(x * 3) + 2] = rgba[(x * 4) + 2];
        }
        return x;
    }
}
