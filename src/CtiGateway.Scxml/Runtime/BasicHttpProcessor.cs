using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CtiGateway.Scxml.Model;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// The BasicHTTP Event I/O Processor on 127.0.0.1: each session's location is <c>http://127.0.0.1:PORT/SESSIONID</c>.
/// A POST becomes an external event (name from the <c>_scxmleventname</c> form field or header, else <c>HTTP.POST</c>); form fields become
/// <c>_event.data</c> properties, any other body is the data text. Sends POST form fields (or the content as body).
/// </summary>
internal sealed class BasicHttpProcessor : IDisposable
{
    private const string EventNameField = "_scxmleventname";
    private const int MaxBody = 1024 * 1024;

    private readonly ScxmlRuntime _runtime;
    private readonly HttpListener _listener;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _prefix;

    private BasicHttpProcessor(ScxmlRuntime runtime, HttpListener listener, string prefix)
    {
        _runtime = runtime;
        _listener = listener;
        _prefix = prefix;
    }

    public static BasicHttpProcessor Start(ScxmlRuntime runtime)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
                continue;
            }

            var processor = new BasicHttpProcessor(runtime, listener, prefix);
            Log.HttpListening(runtime.Options.Logger, prefix);
            _ = processor.AcceptLoopAsync();
            return processor;
        }
    }

    public string LocationFor(string sessionId) => _prefix + sessionId;

    public void Dispose()
    {
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        _client.Dispose();
    }

    /// <summary>Sends an event by HTTP POST; failures come back to the session as error.communication.</summary>
    public void Send(ScxmlSession from, string target, ScxmlEvent e, SourcePosition position)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            from.CommunicationFailed($"basichttp target '{target}' is not an http URL", position, e.SendId);
            return;
        }

        HttpContent body;
        if (e.Data.Kind == DataKind.Xml)
        {
            body = new StringContent(e.Data.Text ?? string.Empty, Encoding.UTF8, "application/xml");
        }
        else if (e.Data.Kind == DataKind.Text)
        {
            // Content text goes URL-encoded as the whole form body (no '=': the receiver takes it as text).
            body = new StringContent(Uri.EscapeDataString(e.Data.Text ?? string.Empty), Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        else
        {
            var fields = new List<KeyValuePair<string, string>>();
            if (e.Name.Length > 0)
            {
                fields.Add(new(EventNameField, e.Name));
            }

            if (e.Data.Kind == DataKind.Json)
            {
                using var json = JsonDocument.Parse(e.Data.Text!);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in json.RootElement.EnumerateObject())
                    {
                        fields.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
                    }
                }
            }

            body = new FormUrlEncodedContent(fields);
        }

        var scheduler = _runtime.Scheduler;
        scheduler.BeginIo();
        var sending = Task.Run(async () =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = body };
                if (e.Data.Kind is DataKind.Text or DataKind.Xml && e.Name.Length > 0)
                {
                    request.Headers.TryAddWithoutValidation(EventNameField, e.Name);
                }

                using var response = await _client.SendAsync(request).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    from.Post(() => from.CommunicationFailed($"basichttp send to '{target}' got HTTP {(int)response.StatusCode}", position, e.SendId));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                from.Post(() => from.CommunicationFailed($"basichttp send to '{target}' failed: {ex.Message}", position, e.SendId));
            }
            finally
            {
                body.Dispose();
                scheduler.EndIo();
            }
        });

        // A send to this runtime's own listener completes before the session goes on, so the event is queued in order
        // with the session's other sends (the listener queues it before it answers).
        if (target.StartsWith(_prefix, StringComparison.Ordinal))
        {
            sending.Wait(TimeSpan.FromSeconds(5));
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception ex) when (ex is IOException or HttpListenerException or InvalidOperationException)
            {
                Log.HttpRefused(_runtime.Options.Logger, ex.Message);
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var sessionId = request.Url?.AbsolutePath.Trim('/') ?? string.Empty;
        var session = _runtime.Find(sessionId);
        if (session is null)
        {
            Refuse(response, 404, $"no session '{sessionId}'");
            return;
        }

        if (request.ContentLength64 > MaxBody)
        {
            Refuse(response, 413, "body too large");
            return;
        }

        string body;
        using (var reader = new StreamReader(request.InputStream, request.ContentEncoding))
        {
            var buffer = new char[MaxBody + 1];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            if (read > MaxBody)
            {
                Refuse(response, 413, "body too large");
                return;
            }

            body = new string(buffer, 0, read);
        }

        var raw = new StringBuilder();
        raw.Append(request.HttpMethod).Append(' ').Append(request.RawUrl).Append(" HTTP/").Append(request.ProtocolVersion.ToString(2)).Append("\r\n");
        foreach (var key in request.Headers.AllKeys)
        {
            raw.Append(key).Append(": ").Append(request.Headers[key]).Append("\r\n");
        }

        raw.Append("\r\n").Append(body);
        var name = request.Headers[EventNameField] ?? "HTTP." + request.HttpMethod.ToUpperInvariant();
        DataValue data;
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries);
            if (pairs.Length == 1 && !pairs[0].Contains('=', StringComparison.Ordinal))
            {
                pairs = [];
                fields["\0"] = WebUtility.UrlDecode(body);
            }

            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]);
                if (key == EventNameField)
                {
                    name = value;
                    continue;
                }

                fields[key] = value;
            }

            data = fields.Count == 0 ? DataValue.Undefined
                : fields.TryGetValue("\0", out var text) ? new DataValue(DataKind.Text, text)
                : DataValue.Json(JsonSerializer.Serialize(fields, FieldsContext.Default.DictionaryStringString));
        }
        else
        {
            data = body.Length == 0 ? DataValue.Undefined : new DataValue(body.TrimStart().StartsWith('<') ? DataKind.Xml : DataKind.Text, body);
        }

        session.Post(new ScxmlEvent
        {
            Name = name,
            Type = "external",
            Origin = request.Headers["X-Scxml-Origin"],
            OriginType = ScxmlEvent.BasicHttpProcessorType,
            Data = data,
            Raw = raw.ToString(),
        });
        response.StatusCode = 200;
        response.Close();
    }

    private void Refuse(HttpListenerResponse response, int status, string reason)
    {
        Log.HttpRefused(_runtime.Options.Logger, reason);
        response.StatusCode = status;
        response.Close();
    }
}
