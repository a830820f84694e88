using System.Text.Json;
using Grid.Client.Http;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Grid.Protocol.Wire;

namespace Grid.Client.Tests.Wire;

/// <summary>The wire as a non-.NET caller writes it: minimal JSON with defaults, galleries as strings, enums by name,
/// and a .npy body exactly as NumPy lays it out.</summary>
public class WireFormatTests
{
    private static readonly GridJsonContext Json = GridJsonContext.Default;

    [Fact]
    public void A_minimal_search_from_another_language_gets_the_documented_defaults()
    {
        var probe = string.Join(",", Enumerable.Repeat("0.5", TemplateWire.Dimension));
        var text = $$$"""{"galleries":["NL/suspects"],"probe":[{{{probe}}}],"purpose":{"offence":"fraud","caseReference":"C-1","subject":"Suspect","justification":"ten chars or more"}}""";

        var request = JsonSerializer.Deserialize(text, Json.SearchRequest)!;

        Assert.Equal([new GalleryId("NL", "suspects")], request.Galleries!);
        Assert.Equal((10, -1f, SearchRequest.DefaultDeadlineMs, GalleryConfig.UnspecifiedModel), (request.K, request.MinScore, request.DeadlineMs, request.ModelId));
        Assert.Equal(SubjectCategory.Suspect, request.Purpose.Subject);
        Assert.Null(request.Partners);
    }

    [Fact]
    public void Records_round_trip_with_galleries_as_strings_and_enums_by_name()
    {
        var request = new SearchRequest([GalleryId.Parse("DE-BKA/robbery")], [1f, 2f], new SearchPurpose("terrorism", "X", SubjectCategory.Missing, "justified here"), Partners: ["FR"]);

        var text = JsonSerializer.Serialize(request, Json.SearchRequest);
        var back = JsonSerializer.Deserialize(text, Json.SearchRequest)!;

        Assert.Contains("\"galleries\":[\"DE-BKA/robbery\"]", text);
        Assert.Contains("\"subject\":\"Missing\"", text);
        Assert.Equal(request.Galleries, back.Galleries);
        Assert.Equal(request.Probe, back.Probe);
        Assert.Equal(request.Purpose, back.Purpose);
        Assert.Equal(request.Partners, back.Partners);
    }

    [Theory]
    [InlineData("\"NL\"")]
    [InlineData("\"NL/a/b\"")]
    [InlineData("\"NL/has space\"")]
    [InlineData("42")]
    public void A_malformed_gallery_is_a_json_error(string gallery) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"galleries":[{{gallery}}],"probe":[],"purpose":null}""", Json.SearchRequest));

    [Fact]
    public void Npy_headers_are_numpy_v1_padded_to_64_bytes_and_parse_back()
    {
        var header = NpyFormat.Header(1234, TemplateWire.Dimension);
        var (start, length) = NpyFormat.Preamble(header);
        var shape = NpyFormat.Shape(System.Text.Encoding.Latin1.GetString(header, start, length));

        Assert.Equal(0, header.Length % 64);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], header[..8]);
        Assert.Equal('\n', (char)header[^1]);
        Assert.Equal((1234L, TemplateWire.Dimension), shape);
        Assert.Throws<FormatException>(() => NpyFormat.Shape("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 512), }"));
        Assert.Throws<FormatException>(() => NpyFormat.Shape("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 512), }"));
        Assert.Throws<FormatException>(() => NpyFormat.Shape("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512, 3), }"));
        Assert.Throws<FormatException>(() => NpyFormat.Preamble("NOTNUMPY\x01\x00\x10\x00"u8));
    }

    [Fact]
    public async Task The_client_writes_templates_as_a_npy_body_byte_for_byte()
    {
        var vectors = Enumerable.Range(0, 3 * TemplateWire.Dimension).Select(i => i * 0.25f).ToArray();
        using var content = new NpyContent(vectors);

        var bytes = await content.ReadAsByteArrayAsync();

        var header = NpyFormat.Header(3, TemplateWire.Dimension);
        Assert.Equal(header, bytes[..header.Length]);
        Assert.Equal(vectors, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(header.Length)).ToArray());
        Assert.Equal(bytes.Length, content.Headers.ContentLength);
    }

    [Fact]
    public void Roles_travel_as_names()
    {
        var roles = Role.Searcher | Role.AgreementAdmin;

        Assert.Equal(["searcher", "agreement-admin"], RoleNames.ToNames(roles));
        Assert.Equal(roles, RoleNames.Parse(["searcher", "AgreementAdmin"]));
        Assert.Throws<FormatException>(() => RoleNames.Parse(["superuser"]));
    }
}
