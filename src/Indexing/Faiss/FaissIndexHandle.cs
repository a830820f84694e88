using System.Runtime.InteropServices;

namespace Grid.Indexing.Faiss;

/// <summary>Owns one native <c>faiss::Index*</c> from the shim.</summary>
internal sealed class FaissIndexHandle() : SafeHandle(nint.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle() => NativeFaissMethods.FreeIndex(handle) == 0;
}
