namespace Grid.Indexing.Compressed;

/// <summary>The instruction set the int8 scan kernels use. Every level computes the same exact
/// integer dot products, so the level changes speed, never results.</summary>
internal enum Int8KernelLevel
{
    /// <summary>Plain loops: any CPU.</summary>
    Scalar,

    /// <summary>256-bit: zero-extend 16 codes to int16, <c>vpmaddwd</c> against the int16 query.</summary>
    Avx2,

    /// <summary>512-bit AVX-512BW: 32 codes per <c>vpmaddwd</c>.</summary>
    Avx512,

    /// <summary>AVX-512 VNNI <c>vpdpbusd</c> (64 codes per instruction, multiply and add fused) for every
    /// tile shape (1, 2 and 4 probes), through <see cref="NativeInt8Methods"/> (.NET 10 has no managed form
    /// of it); the row tails use the <see cref="Avx512"/> kernels.</summary>
    Avx512Vnni,
}
