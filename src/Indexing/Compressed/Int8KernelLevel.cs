namespace Grid.Indexing.Compressed;

/// <summary>The instruction set the int8 scan kernels use. Every level computes the same exact
/// integer dot products, so the level changes speed, never results.</summary>
internal enum Int8KernelLevel
{
    /// <summary>Plain loops: any CPU.</summary>
    Scalar,

    /// <summary>256-bit: sign-extend 16 codes to int16, <c>vpmaddwd</c> against the int16 query.</summary>
    Avx2,

    /// <summary>512-bit AVX-512BW: 32 codes per <c>vpmaddwd</c>. (.NET 10 exposes no AVX-512 VNNI
    /// <c>vpdpbusd</c>, and this CPU has no VEX AVX-VNNI, so there is no VNNI level yet.)</summary>
    Avx512,
}
