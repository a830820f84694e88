using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Grid.Protocol.Wire;

namespace Grid.Client.Files;

/// <summary>Reads and writes template files: NumPy <c>.npy</c> (little-endian float32, C order, shape [n, 512])
/// and <c>.fvecs</c> (per row: int32 dimension, then the floats). Every fault is a <see cref="TemplateFileException"/>
/// that names the file; nothing is half-read.</summary>
public static partial class TemplateFiles
{
    private const int Dimension = TemplateWire.Dimension;
    private static readonly byte[] NpyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static TemplateSet Read(string path)
    {
        if (!File.Exists(path)) throw new TemplateFileException($"Template file '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".npy" => ReadNpy(path, bytes),
            ".fvecs" => ReadFvecs(path, bytes),
            var ext => throw new TemplateFileException($"'{path}': unknown template file type '{ext}'; use .npy (float32 [n,{Dimension}]) or .fvecs."),
        };
    }

    public static void WriteNpy(string path, float[] vectors, int rows)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {Dimension}), }}";
        var total = NpyMagic.Length + 4 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        using var file = File.Create(path);
        file.Write(NpyMagic);
        file.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        file.Write(length);
        file.Write(Encoding.ASCII.GetBytes(header));
        file.Write(MemoryMarshal.AsBytes(vectors.AsSpan(0, rows * Dimension)));
    }

    private static TemplateSet ReadNpy(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(NpyMagic))
            throw new TemplateFileException($"'{path}' is not a NumPy .npy file (bad magic bytes).");
        var major = bytes[6];
        var (headerLength, headerStart) = major switch
        {
            1 => ((int)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10),
            2 or 3 when bytes.Length >= 12 => ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12),
            _ => throw new TemplateFileException($"'{path}': unsupported .npy version {major}."),
        };
        if (headerStart + headerLength > bytes.Length)
            throw new TemplateFileException($"'{path}': the .npy header is cut short.");
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        if (!descr.Success || descr.Groups[1].Value is not ("<f4" or "f4"))
            throw new TemplateFileException($"'{path}': dtype must be little-endian float32 ('<f4'), found {(descr.Success ? descr.Groups[1].Value : "none")}.");
        if (FortranPattern().Match(header) is { Success: true } f && f.Groups[1].Value == "True")
            throw new TemplateFileException($"'{path}': Fortran-ordered arrays are not supported; save with C order.");
        var shape = ShapePattern().Match(header);
        if (!shape.Success)
            throw new TemplateFileException($"'{path}': the .npy header has no shape.");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2 || !long.TryParse(dims[0], out var rows) || !int.TryParse(dims[1], out var columns))
            throw new TemplateFileException($"'{path}': shape ({shape.Groups[1].Value}) must be two-dimensional [n, {Dimension}].");
        if (columns != Dimension)
            throw new TemplateFileException($"'{path}': templates have {columns} values; the grid's templates have {Dimension}.");
        var dataStart = headerStart + headerLength;
        var expected = rows * Dimension * sizeof(float);
        if (bytes.Length - dataStart != expected)
            throw new TemplateFileException($"'{path}': shape says {rows} rows ({expected} bytes) but the file holds {bytes.Length - dataStart} bytes of data.");
        var vectors = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(dataStart)).ToArray();
        return new TemplateSet(vectors, (int)rows);
    }

    private static TemplateSet ReadFvecs(string path, byte[] bytes)
    {
        const int rowBytes = 4 + Dimension * sizeof(float);
        if (bytes.Length == 0 || bytes.Length % 4 != 0)
            throw new TemplateFileException($"'{path}' is empty or not a whole number of 32-bit values.");
        var first = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (first != Dimension)
            throw new TemplateFileException($"'{path}': rows have {first} values; the grid's templates have {Dimension}.");
        if (bytes.Length % rowBytes != 0)
            throw new TemplateFileException($"'{path}': {bytes.Length} bytes is not a whole number of {Dimension}-d .fvecs rows ({rowBytes} bytes each).");
        var rows = bytes.Length / rowBytes;
        var vectors = new float[rows * Dimension];
        for (var r = 0; r < rows; r++)
        {
            var d = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(r * rowBytes));
            if (d != Dimension)
                throw new TemplateFileException($"'{path}': row {r} declares {d} values; every row must have {Dimension}.");
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan(r * rowBytes + 4, Dimension * sizeof(float))).CopyTo(vectors.AsSpan(r * Dimension));
        }
        return new TemplateSet(vectors, rows);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
