using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Grid.Client.Files;
using Grid.Protocol.Wire;
using Xunit;

namespace Grid.Client.Tests.Files;

public sealed class TemplateFilesTests : IDisposable
{
    private const int Dimension = TemplateWire.Dimension;
    private readonly string _dir = Directory.CreateTempSubdirectory("grid-client-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static float[] Sample(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public void Npy_round_trips(int rows)
    {
        var vectors = Sample(rows, seed: rows + 10);
        var path = PathOf($"t{rows}.npy");
        TemplateFiles.WriteNpy(path, vectors, rows);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0, (10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))) % 64); // header padded as NumPy does
        var set = TemplateFiles.Read(path);
        Assert.Equal(rows, set.Rows);
        Assert.Equal(vectors, set.Vectors);
    }

    [Fact]
    public void Fvecs_is_read_row_by_row()
    {
        var vectors = Sample(4, seed: 20);
        var path = PathOf("t.fvecs");
        File.WriteAllBytes(path, Fvecs(vectors, 4, Dimension));
        var set = TemplateFiles.Read(path);
        Assert.Equal(4, set.Rows);
        Assert.Equal(vectors, set.Vectors);
        Assert.Equal(vectors.AsSpan(2 * Dimension, Dimension).ToArray(), set.Row(2).ToArray());
        Assert.Equal(vectors.AsSpan(Dimension, 2 * Dimension).ToArray(), set.Slice(1, 2));
    }

    [Fact]
    public void Upper_case_extensions_are_recognised()
    {
        var path = PathOf("T.NPY");
        TemplateFiles.WriteNpy(path, Sample(2, seed: 21), 2);
        Assert.Equal(2, TemplateFiles.Read(path).Rows);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "bad-magic.npy", "magic" },
        { "f8.npy", "'<f4'" },
        { "big-endian.npy", "'<f4'" },
        { "fortran.npy", "Fortran" },
        { "cols128.npy", "128" },
        { "one-dim.npy", "two-dimensional" },
        { "no-shape.npy", "shape" },
        { "truncated.npy", "bytes of data" },
        { "extra.npy", "bytes of data" },
        { "short-header.npy", "cut short" },
        { "version9.npy", "version" },
        { "empty.npy", "magic" },
        { "empty.fvecs", "empty" },
        { "odd.fvecs", "32-bit" },
        { "cols128.fvecs", "128" },
        { "truncated.fvecs", "whole number" },
        { "row-dim.fvecs", "row 1" },
        { "templates.csv", "unknown template file type" },
        { "templates", "unknown template file type" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_is_a_template_file_exception_naming_the_file(string name, string expected)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, MalformedBytes(name));
        var e = Assert.Throws<TemplateFileException>(() => TemplateFiles.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = PathOf("missing.npy");
        Assert.Contains(path, Assert.Throws<TemplateFileException>(() => TemplateFiles.Read(path)).Message);
    }

    private static byte[] MalformedBytes(string name)
    {
        var two = Sample(2, seed: 30);
        var data = MemoryMarshal.AsBytes(two.AsSpan()).ToArray();
        return name switch
        {
            "bad-magic.npy" => [.. "\x93NUMPX"u8.ToArray(), 1, 0, .. Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }", data)[8..]],
            "f8.npy" => Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 512), }", data),
            "big-endian.npy" => Npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 512), }", data),
            "fortran.npy" => Npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 512), }", data),
            "cols128.npy" => Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (8, 128), }", data),
            "one-dim.npy" => Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1024,), }", data),
            "no-shape.npy" => Npy("{'descr': '<f4', 'fortran_order': False, }", data),
            "truncated.npy" => Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }", data[..^5]),
            "extra.npy" => Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 512), }", data),
            "short-header.npy" => Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }", data)[..40],
            "version9.npy" => [.. Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }", data)[..6], 9, 0, 0, 0],
            "empty.npy" or "empty.fvecs" => [],
            "odd.fvecs" => Fvecs(two, 2, Dimension)[..^2],
            "cols128.fvecs" => Fvecs(two, 8, 128),
            "truncated.fvecs" => Fvecs(two, 2, Dimension)[..^4],
            "row-dim.fvecs" => Corrupt(Fvecs(two, 2, Dimension), offset: 4 + Dimension * 4, value: 511),
            _ => data,
        };
    }

    private static byte[] Npy(string header, byte[] data)
    {
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        var result = new List<byte>([0x93, .. "NUMPY"u8.ToArray(), 1, 0]);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        result.AddRange(length);
        result.AddRange(Encoding.ASCII.GetBytes(header));
        result.AddRange(data);
        return [.. result];
    }

    private static byte[] Fvecs(float[] vectors, int rows, int dimension)
    {
        var result = new byte[rows * (4 + dimension * 4)];
        for (var r = 0; r < rows; r++)
        {
            var at = r * (4 + dimension * 4);
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at), dimension);
            MemoryMarshal.AsBytes(vectors.AsSpan(r * dimension, dimension)).CopyTo(result.AsSpan(at + 4));
        }
        return result;
    }

    private static byte[] Corrupt(byte[] bytes, int offset, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }
}
