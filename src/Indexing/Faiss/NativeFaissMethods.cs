using System.Runtime.InteropServices;

namespace Grid.Indexing.Faiss;

/// <summary>
/// Every call into libgridfaiss.so (native/gridfaiss.cpp). The checked wrappers turn a non-zero
/// return code into a <see cref="FaissException"/> carrying the shim's thread-local message, read
/// on the same thread straight after the failing call.
/// </summary>
internal static unsafe partial class NativeFaissMethods
{
    private const string Library = "gridfaiss";

    static NativeFaissMethods()
    {
        // libgomp reads OMP_WAIT_POLICY once, when it is loaded together with the shim; spinning
        // OpenMP workers would fight OpenBLAS's threads and the managed scan for the two cores.
        // Environment.SetEnvironmentVariable only changes .NET's copy, so ask libc. An operator's
        // own setting wins (overwrite = 0).
        _ = SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
    }

    public static FaissIndexHandle Create(string factory, int dimension)
    {
        Check(gf_create(factory, dimension, out var handle), "index_factory(\"" + factory + "\")", handle);
        return handle;
    }

    public static FaissIndexHandle Deserialize(byte* data, long size)
    {
        Check(gf_deserialize(data, size, out var handle), "read_index", handle);
        return handle;
    }

    public static bool IsTrained(FaissIndexHandle index)
    {
        Check(gf_is_trained(index, out var trained), "is_trained");
        return trained != 0;
    }

    public static long TrainingVectors(FaissIndexHandle index)
    {
        Check(gf_training_vectors(index, out var count), "training size");
        return count;
    }

    public static void Train(FaissIndexHandle index, long count, float* vectors) =>
        Check(gf_train(index, count, vectors), "train");

    public static void Add(FaissIndexHandle index, long count, float* vectors, long* ids) =>
        Check(gf_add(index, count, vectors, ids), "add_with_ids");

    public static long Remove(FaissIndexHandle index, long count, long* ids)
    {
        Check(gf_remove(index, count, ids, out var removed), "remove_ids");
        return removed;
    }

    public static void Search(FaissIndexHandle index, long count, float* queries, long k, float* scores, long* labels) =>
        Check(gf_search(index, count, queries, k, scores, labels), "search");

    public static long Count(FaissIndexHandle index)
    {
        Check(gf_count(index, out var count), "ntotal");
        return count;
    }

    public static long CodeSize(FaissIndexHandle index)
    {
        Check(gf_code_size(index, out var bytes), "sa_code_size");
        return bytes;
    }

    public static void SetParameter(FaissIndexHandle index, string name, int value) =>
        Check(gf_set_parameter(index, name, value), $"set {name}={value}");

    public static FaissBufferHandle Serialize(FaissIndexHandle index, out byte* data, out long size)
    {
        Check(gf_serialize(index, out var buffer, out data, out size), "write_index", buffer);
        return buffer;
    }

    public static int FreeIndex(nint index) => gf_free(index);

    public static int FreeBuffer(nint buffer) => gf_buffer_free(buffer);

    private static void Check(int result, string operation, SafeHandle? produced = null)
    {
        if (result == 0) return;
        var message = Marshal.PtrToStringUTF8(gf_last_error()) ?? "no message";
        produced?.Dispose();
        throw new FaissException(operation, message);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(Library)]
    private static partial nint gf_last_error();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int gf_create(string factory, int dimension, out FaissIndexHandle index);

    [LibraryImport(Library)]
    private static partial int gf_free(nint index);

    [LibraryImport(Library)]
    private static partial int gf_is_trained(FaissIndexHandle index, out int trained);

    [LibraryImport(Library)]
    private static partial int gf_training_vectors(FaissIndexHandle index, out long count);

    [LibraryImport(Library)]
    private static partial int gf_train(FaissIndexHandle index, long count, float* vectors);

    [LibraryImport(Library)]
    private static partial int gf_add(FaissIndexHandle index, long count, float* vectors, long* ids);

    [LibraryImport(Library)]
    private static partial int gf_remove(FaissIndexHandle index, long count, long* ids, out long removed);

    [LibraryImport(Library)]
    private static partial int gf_search(FaissIndexHandle index, long count, float* queries, long k, float* scores, long* labels);

    [LibraryImport(Library)]
    private static partial int gf_count(FaissIndexHandle index, out long count);

    [LibraryImport(Library)]
    private static partial int gf_code_size(FaissIndexHandle index, out long bytes);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int gf_set_parameter(FaissIndexHandle index, string name, int value);

    [LibraryImport(Library)]
    private static partial int gf_serialize(FaissIndexHandle index, out FaissBufferHandle buffer, out byte* data, out long size);

    [LibraryImport(Library)]
    private static partial int gf_buffer_free(nint buffer);

    [LibraryImport(Library)]
    private static partial int gf_deserialize(byte* data, long size, out FaissIndexHandle index);
}
