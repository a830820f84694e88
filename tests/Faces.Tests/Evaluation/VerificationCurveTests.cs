using Grid.Faces.Evaluation;

namespace Grid.Faces.Tests.Evaluation;

public sealed class VerificationCurveTests
{
    [Fact]
    public void Tar_at_far_uses_the_strictest_threshold_allowing_that_many_impostors()
    {
        // 100 impostors at 0.00..0.99; FAR 1% allows one impostor above the threshold → threshold 0.98.
        var impostors = Enumerable.Range(0, 100).Select(i => i / 100f);
        var genuine = new[] { 0.975f, 0.985f, 0.995f, 0.999f };
        var curve = new VerificationCurve(genuine, impostors);

        var point = curve.AtFalseAcceptRate(0.01);

        Assert.Equal(0.98f, point.Threshold);
        Assert.Equal(0.01, point.FalseAcceptRate, 6);
        Assert.Equal(0.75, point.TrueAcceptRate, 6);
    }

    [Fact]
    public void Points_run_from_strict_to_loose()
    {
        var curve = new VerificationCurve([0.9f, 0.8f], [0.1f, 0.85f]);
        var points = curve.Points();
        Assert.Equal(0, points[0].TrueAcceptRate);
        Assert.Equal(1, points[^1].FalseAcceptRate, 6);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.Second.TrueAcceptRate >= p.First.TrueAcceptRate));
    }
}
