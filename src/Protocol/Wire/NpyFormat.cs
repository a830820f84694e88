using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Grid.Protocol.Wire;

/// <summary>The NumPy .npy header (format versions 1–3): written by clients, parsed by the grid before it streams the rows.
/// Only little-endian float32 in C order with two dimensions is accepted.</summary>
public static partial class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Bytes needed to know the header's length.</summary>
    public const int PreambleBytes = 12;

    /// <summary>Largest header accepted (NumPy's own limit for version 1 headers is 64 KiB).</summary>
    public const int MaxHeaderBytes = 65_536;

    /// <summary>A version 1.0 header for <paramref name="rows"/> × <paramref name="columns"/> float32, padded to 64 bytes.</summary>
    public static byte[] Header(long rows, int columns)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.ToString(CultureInfo.InvariantCulture)}, {columns.ToString(CultureInfo.InvariantCulture)}), }}";
        var total = Magic.Length + 4 + dict.Length + 1;
        dict = dict.PadRight(dict.Length + (64 - total % 64) % 64) + "\n";
        var bytes = new byte[Magic.Length + 4 + dict.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)dict.Length);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(10));
        return bytes;
    }

    /// <summary>From the first <see cref="PreambleBytes"/> bytes (fewer if the body is shorter): where the header dictionary
    /// starts and how long it is. Throws <see cref="FormatException"/> for anything that is not a .npy preamble.</summary>
    public static (int Start, int Length) Preamble(ReadOnlySpan<byte> first)
    {
        if (first.Length < 10 || !first[..6].SequenceEqual(Magic))
            throw new FormatException("not a NumPy .npy body (bad magic bytes)");
        var (length, start) = first[6] switch
        {
            1 => (BinaryPrimitives.ReadUInt16LittleEndian(first[8..]), 10),
            2 or 3 when first.Length >= 12 => ((long)BinaryPrimitives.ReadUInt32LittleEndian(first[8..]), 12),
            var v => throw new FormatException($"unsupported .npy version {v}"),
        };
        if (length is <= 0 or > MaxHeaderBytes) throw new FormatException($"a .npy header of {length} bytes is not acceptable");
        return (start, (int)length);
    }

    /// <summary>Rows and columns from the header dictionary; throws <see cref="FormatException"/> for another dtype,
    /// Fortran order or a shape that is not two-dimensional.</summary>
    public static (long Rows, int Columns) Shape(string header)
    {
        var descr = DescrPattern().Match(header);
        if (!descr.Success || descr.Groups[1].Value is not ("<f4" or "f4"))
            throw new FormatException($"dtype must be little-endian float32 ('<f4'), found {(descr.Success ? descr.Groups[1].Value : "none")}");
        if (FortranPattern().Match(header) is { Success: true } f && f.Groups[1].Value == "True")
            throw new FormatException("Fortran-ordered arrays are not supported; save with C order");
        var shape = ShapePattern().Match(header);
        if (!shape.Success) throw new FormatException("the header has no shape");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2 || !long.TryParse(dims[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rows) ||
            !int.TryParse(dims[1], NumberStyles.None, CultureInfo.InvariantCulture, out var columns))
            throw new FormatException($"shape ({shape.Groups[1].Value}) must be two-dimensional [n, {TemplateWire.Dimension}]");
        return (rows, columns);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
