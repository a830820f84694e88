using System.Buffers;
using System.Net;
using System.Runtime.InteropServices;
using Grid.Protocol.Wire;

namespace Grid.Client.Http;

/// <summary>Templates as a .npy body, written straight from the caller's floats in 64 KiB pieces (no copy of the whole block).</summary>
public sealed class NpyContent : HttpContent
{
    private readonly ReadOnlyMemory<float> _vectors;
    private readonly byte[] _header;

    /// <summary>The rows in <paramref name="vectors"/> (a whole number of 512-float templates).</summary>
    public NpyContent(ReadOnlyMemory<float> vectors)
    {
        if (vectors.Length % TemplateWire.Dimension != 0)
            throw new ArgumentException($"{vectors.Length} floats is not a whole number of {TemplateWire.Dimension}-float templates.");
        _vectors = vectors;
        _header = NpyFormat.Header(vectors.Length / TemplateWire.Dimension, TemplateWire.Dimension);
        Headers.ContentType = new(TemplateWire.NpyMediaType);
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_header, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);
        try
        {
            for (var offset = 0; offset < _vectors.Length * sizeof(float); offset += buffer.Length)
            {
                var count = Copy(offset, buffer);
                await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Copy(int offset, byte[] buffer)
    {
        var bytes = MemoryMarshal.AsBytes(_vectors.Span);
        var count = Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Slice(offset, count).CopyTo(buffer);
        return count;
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = _header.Length + (long)_vectors.Length * sizeof(float);
        return true;
    }
}
