using Grid.Faces.Detection;

namespace Grid.Faces.Tests.Detection;

public sealed class NonMaximumSuppressionTests
{
    [Fact]
    public void Overlapping_boxes_keep_the_best_and_separate_faces_survive()
    {
        var candidates = new[]
        {
            new FaceDetection(new FaceBox(0, 0, 100, 100), 0.91f),
            new FaceDetection(new FaceBox(5, 5, 105, 105), 0.99f),
            new FaceDetection(new FaceBox(300, 0, 380, 90), 0.95f),
        };

        var kept = NonMaximumSuppression.Apply(candidates, 0.4f, 10);

        Assert.Equal([0.99f, 0.95f], kept.Select(k => k.Score));
    }

    [Fact]
    public void Square_box_keeps_centre_and_height()
    {
        var square = new FaceBox(10, 20, 50, 120).SquaredOnHeight();
        Assert.Equal(new FaceBox(-20, 20, 80, 120), square);
    }
}
