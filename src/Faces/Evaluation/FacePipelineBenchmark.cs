using System.Diagnostics;
using Grid.Faces.Detection;
using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;
using SkiaSharp;

namespace Grid.Faces.Evaluation;

/// <summary>
/// Times decode + detect + landmarks + align + embed on one thread (the pipeline should be built with
/// one thread per call), so the rates read as per core. Each set is warmed up once, then repeated
/// until <c>minimumDuration</c> has passed.
/// </summary>
public sealed class FacePipelineBenchmark(FacePipeline pipeline, TimeSpan minimumDuration)
{
    public FacePipelineBenchmarkResult Run(string set, IReadOnlyList<BenchmarkPhoto> photos)
    {
        foreach (var photo in photos)
        {
            pipeline.Analyze(photo.Encoded);
        }
        var typicalSize = TypicalSize(photos);
        int timed = 0, faces = 0;
        // CPU time as well as wall time: on a shared, overloaded machine the CPU seconds this process was given
        // still say what one core does.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < minimumDuration || timed == 0)
        {
            foreach (var photo in photos)
            {
                faces += pipeline.Analyze(photo.Encoded).Count;
                timed++;
            }
        }
        var seconds = total.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        var decode = Stopwatch.StartNew();
        for (var i = 0; i < timed; i++)
        {
            pipeline.Decoder.DecodeScaled(photos[i % photos.Count].Encoded, FacePipeline.DetectionDecodeSize);
        }
        var decodeSeconds = decode.Elapsed.TotalSeconds;

        // The shrink to the detector's 320×240 input, the other stage whose cost grows with the photo. Both are timed as the
        // pipeline does them: a large JPEG decoded at the smallest n/8 size still twice the detector input.
        var decoded = photos.Select(p => pipeline.Decoder.DecodeScaled(p.Encoded, FacePipeline.DetectionDecodeSize).Image).ToList();
        var resize = Stopwatch.StartNew();
        for (var i = 0; i < timed; i++)
        {
            var photo = decoded[i % decoded.Count];
            var scale = Math.Min((float)FaceDetector.InputWidth / photo.Width, (float)FaceDetector.InputHeight / photo.Height);
            ImageResampler.Resize(photo, Math.Max(1, (int)MathF.Round(photo.Width * scale)), Math.Max(1, (int)MathF.Round(photo.Height * scale)));
        }
        return new FacePipelineBenchmarkResult(set, typicalSize, timed, faces, seconds, decodeSeconds) { ResizeSeconds = resize.Elapsed.TotalSeconds, CpuSeconds = cpuSeconds };
    }

    /// <summary>
    /// A 1920×1080 JPEG per photo: the photo scaled to the frame's height and centred on grey, as a
    /// camera frame with one person in it.
    /// </summary>
    public static IReadOnlyList<BenchmarkPhoto> FullHdFrames(IEnumerable<BenchmarkPhoto> photos, ImageDecoder decoder)
    {
        const int width = 1920, height = 1080;
        return photos.Select(photo =>
        {
            var source = decoder.Decode(photo.Encoded);
            var scaledWidth = Math.Min(width, (int)Math.Round((double)source.Width * height / source.Height));
            var scaled = ImageResampler.Resize(source, scaledWidth, height);
            var frame = new RgbImage(width, height);
            Array.Fill(frame.Pixels, (byte)128);
            var left = (width - scaledWidth) / 2;
            for (var y = 0; y < height; y++)
            {
                Array.Copy(scaled.Pixels, scaled.OffsetOf(0, y), frame.Pixels, frame.OffsetOf(left, y), scaledWidth * RgbImage.Channels);
            }
            return new BenchmarkPhoto(photo.Name + "@1920x1080", EncodeJpeg(frame));
        }).ToList();
    }

    private static byte[] EncodeJpeg(RgbImage image)
    {
        using var png = SKImage.FromEncodedData(image.ToPng());
        using var data = png.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static string TypicalSize(IReadOnlyList<BenchmarkPhoto> photos)
    {
        var sizes = photos.Select(p =>
        {
            using var codec = SKCodec.Create(new SKMemoryStream(SKData.CreateCopy(p.Encoded)));
            return codec is null ? (0, 0) : (codec.Info.Width, codec.Info.Height);
        }).OrderBy(s => s.Item1 * s.Item2).ToList();
        var median = sizes[sizes.Count / 2];
        return $"{median.Item1}x{median.Item2} (median)";
    }
}
