using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Grid.Cluster.Tests;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Wire;

namespace Grid.Api.Tests;

/// <summary>Bad input gets a problem with its code and nothing is stored; the silo keeps serving.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiGrid grid)
{
    private static readonly GalleryId Target = GalleryId.Parse("NL/bad-input");

    [SkippableFact]
    public async Task Oversized_malformed_and_mistyped_json_bodies_are_refused_and_create_nothing()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        using var http = grid.Raw(grid.UserKey("NL"));

        var huge = "{\"engine\":\"exact\",\"shardCount\":2,\"modelId\":\"" + new string('x', 300_000) + "\"}";
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ProblemCodes.BodyTooLarge), await Put(http, "NL/too-big", huge, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.MalformedJson), await Put(http, "NL/malformed", "{\"engine\": \"exact\", ", "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.MalformedJson), await Put(http, "NL/wrong-type", "{\"shardCount\": \"four\"}", "application/json"));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, ProblemCodes.UnsupportedMediaType), await Put(http, "NL/as-text", "{}", "text/plain"));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.InvalidArgument), await Put(http, "NL/too-many-shards", "{\"shardCount\": 257}", "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.InvalidArgument), await Put(http, "nl/lower-case-force", "{}", "application/json"));

        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        foreach (var name in new[] { "too-big", "malformed", "wrong-type", "as-text", "too-many-shards" })
            Assert.Null(await nl.GetGalleryAsync(new GalleryId("NL", name)));
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [SkippableFact]
    public async Task Malformed_npy_and_subjects_are_refused_before_anything_is_stored()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        await nl.CreateGalleryAsync(Target, new GalleryConfig("exact", 2));
        using var http = grid.Raw(grid.UserKey("NL"));
        var (subjects, templates) = Synthetic.Gallery("bad-", 4, seed: 5);
        var good = Npy(templates.Vectors, 4, TemplateWire.Dimension);

        Expect(ProblemCodes.MalformedNpy, await Enrol(http, subjects, [.. "NOTNUMPY"u8, .. good[8..]]));
        Expect(ProblemCodes.MalformedNpy, await Enrol(http, subjects, Npy(templates.Vectors, 4, TemplateWire.Dimension, "<f8")));
        Expect(ProblemCodes.MalformedNpy, await Enrol(http, subjects, Npy(templates.Vectors[..(4 * 511)], 4, 511)));
        Expect(ProblemCodes.MalformedNpy, await Enrol(http, subjects, good[..^100]));
        Expect(ProblemCodes.MalformedEnrolment, await Enrol(http, subjects[..3], good));
        Expect(ProblemCodes.InvalidSubjectRef, await Enrol(http, ["ok-1", "has,comma", "ok-3", "ok-4"], good));
        Expect(ProblemCodes.MalformedEnrolment, await Enrol(http, subjects, good, templatesFirst: true));
        var nan = (float[])templates.Vectors.Clone();
        nan[3] = float.NaN;
        Expect(ProblemCodes.InvalidTemplate, await Enrol(http, subjects, Npy(nan, 4, TemplateWire.Dimension)));
        using (var json = new StringContent("{}", Encoding.UTF8, "application/json"))
        {
            using var response = await http.PostAsync($"v1/galleries/{Target.Force}/{Target.Name}/templates", json);
            Assert.Equal((HttpStatusCode.UnsupportedMediaType, ProblemCodes.UnsupportedMediaType), (response.StatusCode, await ApiGrid.ProblemCodeAsync(response)));
        }

        Assert.Equal(0, (await nl.GetGalleryStatusAsync(Target)).Templates);
        Assert.Equal(new EnrolResult(4, 0), await nl.EnrolAsync(Target, new EnrolBatch(subjects, templates.Vectors, GalleryConfig.UnspecifiedModel)));
    }

    [SkippableFact]
    public async Task A_bad_row_late_in_a_bulk_file_is_named_by_its_file_row_and_nothing_is_stored()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var target = GalleryId.Parse("NL/all-or-nothing");
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        await nl.CreateGalleryAsync(target, new GalleryConfig("exact", 2));
        using var http = grid.Raw(grid.UserKey("NL"));
        const int rows = 30_000;
        var (subjects, templates) = Synthetic.Gallery("aon-", rows, seed: 9);

        // One request, stored in batches of 1000: 25 batches would be stored before the bad row if the file were not
        // checked whole first.
        var nan = (float[])templates.Vectors.Clone();
        nan[25_001 * TemplateWire.Dimension + 7] = float.NaN;
        var refusal = await Enrol(http, subjects, Npy(nan, rows, TemplateWire.Dimension), target: target);
        Expect(ProblemCodes.InvalidTemplate, refusal);
        Assert.Contains("Row 25001 of the file", refusal.Body);

        var repeated = (float[])templates.Vectors.Clone();
        templates.Vectors.AsSpan(3 * TemplateWire.Dimension, TemplateWire.Dimension).CopyTo(repeated.AsSpan(29_000 * TemplateWire.Dimension));
        var withRepeat = (string[])subjects.Clone();
        withRepeat[29_000] = subjects[3];
        refusal = await Enrol(http, withRepeat, Npy(repeated, rows, TemplateWire.Dimension), target: target);
        Expect(ProblemCodes.InvalidTemplate, refusal);
        Assert.Contains("Row 29000 of the file repeats row 3", refusal.Body);

        Assert.Equal(0, (await nl.GetGalleryStatusAsync(target)).Templates);
        // The client checks the whole file before its first request, too.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => nl.EnrolBulkAsync(target, subjects,
            new Grid.Client.Files.TemplateSet(nan, rows), GalleryConfig.UnspecifiedModel, batchSize: 1000));
        Assert.Contains("Row 25001 of the file", error.Message);
        Assert.Equal(0, (await nl.GetGalleryStatusAsync(target)).Templates);
    }

    private static void Expect(string code, (string Code, string Body) refusal) => Assert.True(code == refusal.Code, $"expected {code}: {refusal.Body}");

    private async Task<(HttpStatusCode, string)> Put(HttpClient http, string gallery, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.PutAsync($"v1/galleries/{gallery}", content);
        return (response.StatusCode, await ApiGrid.ProblemCodeAsync(response));
    }

    private static async Task<(string Code, string Body)> Enrol(HttpClient http, string[] subjects, byte[] npy, bool templatesFirst = false,
        GalleryId? target = null)
    {
        var gallery = target ?? Target;
        using var form = new MultipartFormDataContent();
        var text = new StringContent(string.Join('\n', subjects) + "\n", Encoding.UTF8, "text/plain");
        var data = new ByteArrayContent(npy);
        data.Headers.ContentType = new MediaTypeHeaderValue(TemplateWire.NpyMediaType);
        if (templatesFirst) form.Add(data, TemplateWire.TemplatesPart, "t.npy");
        form.Add(text, TemplateWire.SubjectsPart);
        if (!templatesFirst) form.Add(data, TemplateWire.TemplatesPart, "t.npy");
        using var response = await http.PostAsync($"v1/galleries/{gallery.Force}/{gallery.Name}/templates", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return (System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!, body);
    }

    private static byte[] Npy(float[] vectors, int rows, int columns, string dtype = "<f4")
    {
        var header = Encoding.Latin1.GetString(NpyFormat.Header(rows, columns)).Replace("'<f4'", $"'{dtype}'");
        return [.. Encoding.Latin1.GetBytes(header), .. MemoryMarshal.AsBytes(vectors.AsSpan())];
    }
}
