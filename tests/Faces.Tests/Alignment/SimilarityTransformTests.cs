using Grid.Faces.Alignment;
using Grid.Faces.Landmarks;

namespace Grid.Faces.Tests.Alignment;

public sealed class SimilarityTransformTests
{
    private static readonly FacePoint[] Points = [new(10, 20), new(80, 25), new(45, 60), new(20, 90), new(70, 95)];

    [Fact]
    public void Estimate_recovers_an_exact_similarity()
    {
        var angle = 0.3;
        var known = new SimilarityTransform(1.7 * Math.Cos(angle), 1.7 * Math.Sin(angle), -12, 33);

        var estimated = SimilarityTransform.Estimate(Points, Points.Select(known.Apply).ToArray());

        Assert.Equal(known.A, estimated.A, 4);
        Assert.Equal(known.B, estimated.B, 4);
        Assert.Equal(known.Tx, estimated.Tx, 2);
        Assert.Equal(known.Ty, estimated.Ty, 2);
    }

    [Fact]
    public void Inverse_undoes_the_transform()
    {
        var t = new SimilarityTransform(0.8, -0.4, 5, -7);
        foreach (var p in Points)
        {
            var back = t.Inverse().Apply(t.Apply(p));
            Assert.Equal(p.X, back.X, 3);
            Assert.Equal(p.Y, back.Y, 3);
        }
    }

    [Fact]
    public void After_composes_in_order()
    {
        var first = new SimilarityTransform(2, 0, 1, 1);
        var second = new SimilarityTransform(0, 1, 0, 0);
        var p = new FacePoint(3, 4);
        Assert.Equal(second.Apply(first.Apply(p)), second.After(first).Apply(p));
    }

    [Fact]
    public void A_mirrored_face_is_fitted_without_reflection()
    {
        var mirrored = Points.Select(p => new FacePoint(-p.X, p.Y)).ToArray();
        var t = SimilarityTransform.Estimate(Points, mirrored);
        Assert.True(t.Scale < 1, "the best rotation-only fit of a mirror image shrinks towards the centroid");
    }
}
