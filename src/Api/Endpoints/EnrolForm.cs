using Microsoft.AspNetCore.Http;

namespace Grid.Api.Endpoints;

/// <summary>The enrolment form, for the OpenAPI document only (the body is streamed, never bound).</summary>
public sealed class EnrolForm
{
    /// <summary>One subjectRef per line; line i names row i. Must be the first part.</summary>
    public string Subjects { get; set; } = "";

    /// <summary>A .npy file: little-endian float32, C order, shape [n, 512]. Must be the second part.</summary>
    public IFormFile? Templates { get; set; }
}
