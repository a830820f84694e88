using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Grid.Api.Problems;
using Grid.Contracts.Errors;
using Grid.Contracts.Templates;
using Grid.Protocol.Errors;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Enrolment;

/// <summary>
/// The first pass of a bulk enrolment: the .npy rows streamed from the request into a private temporary file (0600,
/// unlinked as soon as it is open, so nothing is left behind even by a crash) while every row is checked — finite, not
/// zero, not an exact repeat of an earlier row of the same subject. An error names the row of the file and nothing has
/// been stored, because the store pass (<see cref="ReadAsync"/>) starts only after the whole file passed. Never more than
/// one chunk of rows is in memory.
/// </summary>
public sealed class TemplateSpool : IAsyncDisposable
{
    private const int ChunkRows = 1024;
    private readonly FileStream _file;

    private TemplateSpool(FileStream file, int rows)
    {
        _file = file;
        Rows = rows;
    }

    public int Rows { get; }

    /// <summary>Copies and checks <paramref name="rows"/> rows from <paramref name="body"/> (positioned after the .npy
    /// header) and requires the part to end there.</summary>
    public static async Task<TemplateSpool> FillAsync(Stream body, IReadOnlyList<string> subjects, int rows, string? folder, CancellationToken cancel)
    {
        var file = Open(folder);
        try
        {
            // First row of each (subjectRef, template): an exact repeat inside one file is a mistake in the file, not a resend.
            var seen = new Dictionary<(string, ulong), int>(rows);
            var chunk = new byte[Math.Min(ChunkRows, Math.Max(rows, 1)) * TemplateWire.RowBytes];
            for (var done = 0; done < rows;)
            {
                var count = Math.Min(ChunkRows, rows - done);
                var length = count * TemplateWire.RowBytes;
                var read = await body.ReadAtLeastAsync(chunk.AsMemory(0, length), length, throwOnEndOfStream: false, cancel);
                if (read < length)
                    throw Refused(ProblemCodes.MalformedNpy, $"The .npy data ends at row {done + read / TemplateWire.RowBytes} of the {rows} its header declares.");
                Check(chunk.AsSpan(0, length), subjects, done, seen);
                await file.WriteAsync(chunk.AsMemory(0, length), cancel);
                done += count;
            }
            if (await body.ReadAsync(new byte[1], cancel) > 0)
                throw Refused(ProblemCodes.MalformedNpy, $"The .npy part has bytes after the {rows} rows its header declares.");
            await file.FlushAsync(cancel);
            file.Position = 0;
            return new TemplateSpool(file, rows);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next <paramref name="count"/> rows, in file order.</summary>
    public async Task<float[]> ReadAsync(int count, CancellationToken cancel)
    {
        var length = count * TemplateWire.RowBytes;
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await _file.ReadExactlyAsync(bytes.AsMemory(0, length), cancel);
            return MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, length)).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private static void Check(ReadOnlySpan<byte> bytes, IReadOnlyList<string> subjects, int first, Dictionary<(string, ulong), int> seen)
    {
        var floats = MemoryMarshal.Cast<byte, float>(bytes);
        for (var i = 0; i * TemplateWire.Dimension < floats.Length; i++)
        {
            var row = first + i;
            var values = floats.Slice(i * TemplateWire.Dimension, TemplateWire.Dimension);
            try
            {
                TemplateRules.Check(values, row);
            }
            catch (InvalidTemplateException e)
            {
                throw Refused(ProblemCodes.InvalidTemplate, $"Row {row} of the file: {e.Message} Nothing was stored; fix the row and resend the file.");
            }
            var key = (subjects[row], XxHash64.HashToUInt64(MemoryMarshal.AsBytes(values)));
            if (!seen.TryAdd(key, row))
                throw Refused(ProblemCodes.InvalidTemplate,
                    $"Row {row} of the file repeats row {seen[key]} (same subjectRef, same template). Nothing was stored; remove the repeat and resend the file.");
        }
    }

    private static FileStream Open(string? folder)
    {
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"grid-enrol-{Guid.NewGuid():N}.part");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan | (OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None),
        };
        // Templates are biometric data: only the silo's user may read the spool, and on Unix it has no name once open.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return file;
    }

    private static GridProblemException Refused(string code, string detail) => new(code, StatusCodes.Status400BadRequest, detail, 0);
}
