using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Grid.Api.Hosting;

/// <summary>The document's title and description, and the bearer-key security scheme every /v1 operation needs.</summary>
public sealed class GridOpenApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Identity Search Grid API",
            Version = "v1",
            Description = "The only way in for member forces: HTTPS with the grid's CA, Authorization: Bearer isg_… keys. " +
                          "Results are candidate lists for human review, never identifications. Errors are RFC 9457 problem " +
                          "details with a stable 'code'. See docs/API.md.",
        };
        // No servers: the document is the same from every silo and matches the copy committed in docs/openapi.json.
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "isg_<12 hex>_<43 base64url>",
            Description = "A grid API key, shown once when it is issued.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
