using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grid.Client.Http;
using Grid.Protocol.Errors;
using Grid.Protocol.Wire;

namespace Grid.Client;

/// <summary>
/// <see cref="IGridClient"/> over HttpClient: keep-alive connections, source-generated JSON, the grid's CA trusted
/// explicitly. Thread-safe; make one per process (<see cref="ConnectAsync"/>) or take it from dependency injection
/// (<see cref="GridClientServiceCollectionExtensions.AddGridClient"/>).
/// </summary>
public sealed partial class GridClient : IGridClient, IDisposable, IAsyncDisposable
{
    /// <summary>Rows per acknowledged batch in a bulk enrolment.</summary>
    public const int DefaultBatchSize = 1000;

    private static readonly GridJsonContext Types = GridJsonContext.Default;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client over <paramref name="http"/>, which <see cref="Configure"/> has set up (dependency injection does).</summary>
    public GridClient(HttpClient http) : this(http, ownsHttp: false)
    {
    }

    private GridClient(HttpClient http, bool ownsHttp)
    {
        _http = http;
        _ownsHttp = ownsHttp;
    }

    /// <summary>The API's base address.</summary>
    public Uri? Endpoint => _http.BaseAddress;

    /// <summary>Connects to the grid and waits (up to <see cref="GridClientOptions.ConnectTimeout"/>) until it reports ready.</summary>
    /// <exception cref="GridUnavailableException">No answer in time, or a server certificate not issued by the grid's CA.</exception>
    public static async Task<GridClient> ConnectAsync(GridClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GridClientOptions();
        var http = new HttpClient(GridHttp.CreateHandler(options.LoadAuthority(), options.MaxRetries, options.LoadClientCertificate()), disposeHandler: true);
        Configure(http, options);
        var client = new GridClient(http, ownsHttp: true);
        try
        {
            await client.WaitReadyAsync(options.ConnectTimeout, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Points <paramref name="http"/> at the grid with the key as its bearer token.</summary>
    public static void Configure(HttpClient http, GridClientOptions options)
    {
        http.BaseAddress = options.Endpoint;
        http.Timeout = options.RequestTimeout;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.ApiKey is { Length: > 0 } key) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>Polls <c>/readyz</c> until the grid is ready or <paramref name="timeout"/> passes.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string why;
            try
            {
                using var response = await _http.GetAsync("readyz", cancellationToken);
                if (response.IsSuccessStatusCode) return;
                why = $"not ready: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
            {
                throw Unreachable(e);
            }
            catch (HttpRequestException e)
            {
                why = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                why = "no answer";
            }
            if (clock.Elapsed > timeout)
                throw new GridUnavailableException($"The grid at {_http.BaseAddress} was not ready within {timeout.TotalSeconds:0} s ({why}). Start one with `./grid.sh up`.");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, cancellationToken);
        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
               ?? throw new GridException(ProblemCodes.Internal, (int)response.StatusCode, $"The grid answered {path} with an empty body.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GridUnavailableException($"The grid did not answer {method} {path} within {_http.Timeout.TotalSeconds:0} s.", e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ProblemAsync(response, cancellationToken);
    }

    private static async Task<GridException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == Problem.MediaType)
        {
            try
            {
                if (JsonSerializer.Deserialize(body, Types.Problem) is { } problem) return new GridException(problem) { RetryAfter = RetryAfter(response) };
            }
            catch (JsonException)
            {
            }
        }
        return new GridException(status switch { 401 => ProblemCodes.Unauthenticated, 403 => ProblemCodes.AccessDenied, 404 => ProblemCodes.NotFound, 429 => ProblemCodes.RateLimited, _ => ProblemCodes.Internal },
            status, $"The grid answered {status} {response.ReasonPhrase}.")
        { RetryAfter = RetryAfter(response) };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } after ? after.Delta ?? (after.Date - DateTimeOffset.UtcNow) : null;

    private GridUnavailableException Unreachable(HttpRequestException e) => e.InnerException is AuthenticationException
        ? new GridUnavailableException($"The server at {_http.BaseAddress} did not present a certificate issued by the grid's CA (or not for this host name); refusing to talk to it.", e)
        : new GridUnavailableException($"Could not reach the grid at {_http.BaseAddress}: {e.Message}", e);

    private static HttpContent Json<T>(T value, JsonTypeInfo<T> type) => JsonContent.Create(value, type);

    private static string Segment(string value) => Uri.EscapeDataString(value);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static StringContent Text(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return new StringContent(text.ToString(), Encoding.UTF8, "text/plain");
    }
}
