using Grid.Faces.Models;

namespace Grid.Faces.Tests.Models;

public sealed class FaceModelsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("grid-models-").FullName;

    [Fact]
    public void A_missing_model_names_the_file_and_the_setup_command()
    {
        var error = Assert.Throws<FaceModelUnavailableException>(() => FaceModels.FromDirectory(folder));

        Assert.Contains("fr_detect.onnx", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Contains("./grid.sh setup", error.Message);
    }

    [Fact]
    public void An_altered_model_names_the_file_and_the_setup_command()
    {
        var real = FaceModels.Locate();
        foreach (var model in ModelFile.All)
        {
            File.Copy(Path.Combine(real.Directory, model.FileName), Path.Combine(folder, model.FileName));
        }
        var altered = Path.Combine(folder, ModelFile.Landmarker.FileName);
        var bytes = File.ReadAllBytes(altered);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(altered, bytes);

        var error = Assert.Throws<FaceModelUnavailableException>(() => FaceModels.FromDirectory(folder));

        Assert.Contains("fr_landmark.onnx", error.Message);
        Assert.Contains(ModelFile.Landmarker.Sha256, error.Message);
        Assert.Contains("./grid.sh setup", error.Message);
    }

    [Fact]
    public void The_model_id_is_the_embedder_name_and_the_start_of_its_hash()
    {
        Assert.Equal("fr_feature@87aacdfe5751", FaceModels.Locate().EmbedderId.Value);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
