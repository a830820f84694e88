using System.Text;
using Grid.Api.Limits;
using Grid.Api.Problems;
using Grid.Contracts.Templates;
using Grid.Protocol.Errors;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using CG = Grid.Contracts.Galleries;

namespace Grid.Api.Enrolment;

/// <summary>
/// Bulk enrolment from a <c>multipart/form-data</c> body: the <c>subjects</c> part (one subjectRef per line) first, held
/// in memory and checked whole; then the <c>templates</c> part (.npy, float32 [n, 512]) streamed through a private spool
/// file while every row is checked (<see cref="TemplateSpool"/>), so anything wrong in the file — naming its row — stores
/// nothing. Only then are the rows stored in batches of <c>batch</c> rows, each acknowledged by the gallery (durable in
/// its shards' logs) before the next. The .npy is never held whole. A failure the file could not show (storage, a silo)
/// says how many rows were acknowledged (<c>acknowledgedRows</c>), which is where to resume — enrolment is idempotent.
/// </summary>
public sealed class MultipartEnrolment(HttpContext context, GridApiOptions options)
{
    public async Task<CG.EnrolResult> RunAsync(CG.IGalleryGrain gallery, string modelId, int batchRows)
    {
        var cancel = context.RequestAborted;
        var reader = new MultipartReader(Boundary(), context.Request.Body) { BodyLengthLimit = options.MaxEnrolBodyBytes };
        var subjects = await ReadSubjectsAsync(await reader.ReadNextSectionAsync(cancel));
        var templates = await reader.ReadNextSectionAsync(cancel);
        if (templates is null || PartName(templates) != TemplateWire.TemplatesPart)
            throw Malformed(ProblemCodes.MalformedEnrolment, $"The second part must be '{TemplateWire.TemplatesPart}' (.npy); it is missing or named otherwise.");
        var rows = await ReadHeaderAsync(templates.Body, subjects.Length);

        // Pass 1: the whole file is checked (and spooled) before pass 2 stores its first batch — all or nothing.
        await using var spool = await TemplateSpool.FillAsync(templates.Body, subjects, rows, options.EnrolSpoolFolder, cancel);
        var total = CG.EnrolResult.None;
        for (var done = 0; done < rows;)
        {
            var count = Math.Min(batchRows, rows - done);
            var vectors = await spool.ReadAsync(count, cancel);
            try
            {
                total = total.Plus(await gallery.EnrolAsync(new CG.EnrolBatch(subjects[done..(done + count)], vectors, modelId), cancel));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Only what the file cannot show fails here (storage, the gallery's model or the caller's roles, a silo).
                // A batch spans shards, so some of its rows may be stored when another shard failed: the message says so,
                // and resending them is safe because a shard stores a (subjectRef, template) pair once.
                var (problem, _) = ExceptionMapper.Map(e);
                var acknowledged = done == 0 ? "No row of this file is acknowledged" : $"Rows 0..{done - 1} are enrolled";
                throw new GridProblemException(problem.Code, problem.Status,
                    $"{problem.Detail ?? problem.Title} {acknowledged}; rows {done}..{done + count - 1} may be stored in part. " +
                    $"Resend from row {done} (rows already stored are not stored twice).", done);
            }
            done += count;
        }
        return total;
    }

    private string Boundary()
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            throw new GridProblemException(ProblemCodes.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType,
                $"Send multipart/form-data with a '{TemplateWire.SubjectsPart}' part then a '{TemplateWire.TemplatesPart}' (.npy) part (got '{context.Request.ContentType ?? "none"}').");
        return boundary;
    }

    private async Task<string[]> ReadSubjectsAsync(MultipartSection? section)
    {
        if (section is null || PartName(section) != TemplateWire.SubjectsPart)
            throw Malformed(ProblemCodes.MalformedEnrolment, $"The first part must be '{TemplateWire.SubjectsPart}' (one subjectRef per line).");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await section.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + n > options.MaxSubjectsPartBytes)
                throw new GridProblemException(ProblemCodes.BodyTooLarge, StatusCodes.Status413PayloadTooLarge,
                    $"The subjects part is larger than {options.MaxSubjectsPartBytes} bytes; enrol in several requests.");
            buffer.Write(chunk, 0, n);
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed(ProblemCodes.InvalidSubjectRef, "The subjects part is not UTF-8 text.");
        }
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        if (count > options.MaxEnrolRows)
            throw Malformed(ProblemCodes.InvalidArgument, $"{count} rows in one request; the limit is {options.MaxEnrolRows}. Enrol in several requests.");
        var subjects = new string[count];
        for (var i = 0; i < count; i++)
        {
            subjects[i] = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            SubjectRefRules.Validate(subjects[i], i);
        }
        return subjects;
    }

    private static async Task<int> ReadHeaderAsync(Stream body, int subjects)
    {
        var preamble = new byte[NpyFormat.PreambleBytes];
        var got = await body.ReadAtLeastAsync(preamble, preamble.Length, throwOnEndOfStream: false);
        (int Start, int Length) at;
        long rows;
        int columns;
        try
        {
            at = NpyFormat.Preamble(preamble.AsSpan(0, got));
            var header = new byte[at.Start + at.Length];
            preamble.AsSpan(0, got).CopyTo(header);
            if (got < header.Length && await body.ReadAtLeastAsync(header.AsMemory(got), header.Length - got, throwOnEndOfStream: false) < header.Length - got)
                throw new FormatException("the header is cut short");
            (rows, columns) = NpyFormat.Shape(Encoding.Latin1.GetString(header, at.Start, at.Length));
        }
        catch (FormatException e)
        {
            throw Malformed(ProblemCodes.MalformedNpy, $"The templates part is not an acceptable .npy: {e.Message}.");
        }
        if (columns != TemplateWire.Dimension)
            throw Malformed(ProblemCodes.MalformedNpy, $"Templates have {columns} values; the grid's have {TemplateWire.Dimension}.");
        if (rows != subjects)
            throw Malformed(ProblemCodes.MalformedEnrolment, $"{subjects} subjectRefs for {rows} templates; line i names row i, so they must match.");
        return (int)rows;
    }

    private static string? PartName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var d) ? HeaderUtilities.RemoveQuotes(d.Name).Value : null;

    private static GridProblemException Malformed(string code, string detail, int? acknowledged = 0) =>
        new(code, StatusCodes.Status400BadRequest, detail, acknowledged);
}
