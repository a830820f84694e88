using System.Runtime.InteropServices;

namespace Grid.Indexing.Faiss;

/// <summary>Owns a serialized index held in native memory by the shim.</summary>
internal sealed class FaissBufferHandle() : SafeHandle(nint.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle() => NativeFaissMethods.FreeBuffer(handle) == 0;
}
