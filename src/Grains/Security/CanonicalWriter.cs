using System.Buffers.Binary;
using System.Text;

namespace Grid.Grains.Security;

/// <summary>
/// Unambiguous bytes for hashing and signing: every value is typed and every string or list is
/// length-prefixed, so no two different values can produce the same bytes (no "a|b" vs "a|" + "|b").
/// </summary>
internal sealed class CanonicalWriter
{
    private readonly MemoryStream _buffer = new();

    public CanonicalWriter(string domain) => String(domain);

    public CanonicalWriter String(string? value)
    {
        if (value is null)
        {
            Int(-1);
            return this;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        Int(bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public CanonicalWriter Int(int value)
    {
        Span<byte> span = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(span, value);
        _buffer.Write(span);
        return this;
    }

    public CanonicalWriter Long(long value)
    {
        Span<byte> span = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(span, value);
        _buffer.Write(span);
        return this;
    }

    /// <summary>Exact bits, so -0 and 0 or two NaNs are not confused.</summary>
    public CanonicalWriter Float(float value) => Int(BitConverter.SingleToInt32Bits(value));

    /// <summary>UTC ticks: the offset is presentation, the instant is what is signed.</summary>
    public CanonicalWriter Time(DateTimeOffset value) => Long(value.UtcTicks);

    public CanonicalWriter Strings(IReadOnlyCollection<string> values)
    {
        Int(values.Count);
        foreach (var value in values)
        {
            String(value);
        }

        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();
}
