using ScottPlot;

namespace Grid.Faces.Evaluation;

/// <summary>Draws a verification ROC curve, FAR on a log scale against TAR, as a PNG.</summary>
public static class RocPlot
{
    public static void Write(VerificationCurve curve, string pngPath, string title)
    {
        // A log axis cannot show FAR 0: the curve starts at the smallest measurable FAR, one impostor.
        var floor = 1.0 / curve.ImpostorCount;
        var points = curve.Points();
        var xs = points.Select(p => Math.Log10(Math.Max(p.FalseAcceptRate, floor))).ToArray();
        var ys = points.Select(p => p.TrueAcceptRate).ToArray();

        var plot = new Plot();
        var line = plot.Add.ScatterLine(xs, ys);
        line.LineWidth = 2;
        line.ConnectStyle = ConnectStyle.StepVertical;
        plot.Title(title);
        plot.XLabel("false accept rate (log scale)");
        plot.YLabel("true accept rate");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = exponent => Math.Pow(10, exponent).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimits(Math.Floor(Math.Log10(floor)), 0, 0, 1.02);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, 800, 600);
    }
}
