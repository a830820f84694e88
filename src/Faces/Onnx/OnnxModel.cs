using Microsoft.ML.OnnxRuntime;

namespace Grid.Faces.Onnx;

/// <summary>
/// One ONNX Runtime session with a single float input, run on caller-owned buffers through <see cref="OrtValue"/>s:
/// no per-call tensor allocation (the detector's input alone is 0.9 MB, a large-object-heap allocation per photo)
/// and outputs read as spans instead of enumerated.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession session;
    private readonly string[] inputNames;
    private readonly string[] outputNames;
    private readonly RunOptions runOptions = new();

    public OnnxModel(string modelPath, SessionOptions sessionOptions)
    {
        session = new InferenceSession(modelPath, sessionOptions);
        inputNames = [session.InputMetadata.Keys.Single()];
        outputNames = [.. session.OutputMetadata.Keys];
    }

    /// <summary>Index of a named output in the collections <see cref="Run"/> returns.</summary>
    public int OutputIndex(string name) => Array.IndexOf(outputNames, name) is var i and >= 0
        ? i
        : throw new InvalidOperationException($"The model has no output '{name}' (it has {string.Join(", ", outputNames)}).");

    /// <summary>Runs on <paramref name="input"/> (shape <paramref name="shape"/>); the caller disposes the outputs.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(float[] input, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        return session.Run(runOptions, inputNames, [value], outputNames);
    }

    public void Dispose()
    {
        runOptions.Dispose();
        session.Dispose();
    }
}
