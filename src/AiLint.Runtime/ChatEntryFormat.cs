using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace AiLint.Runtime
{
    /// <summary>
    /// The stored form of a chat answer: a small JSON envelope around Microsoft.Extensions.AI's own serialization
    /// (<see cref="AIJsonUtilities.DefaultOptions"/>), either one <see cref="ChatResponse"/> (from a non-streaming
    /// call) or the complete list of <see cref="ChatResponseUpdate"/>s (from a streaming call). Either can be
    /// replayed in either mode, so a key names one answer whichever way it is asked for.
    /// </summary>
    /// <example><c>{"ailint.idempotency":1,"kind":"response","value":{...ChatResponse...}}</c></example>
    internal static class ChatEntryFormat
    {
        private const string MarkerProperty = "ailint.idempotency";
        private const int Version = 1;
        private const string KindProperty = "kind";
        private const string ValueProperty = "value";
        private const string ResponseKind = "response";
        private const string UpdatesKind = "updates";

        private static JsonTypeInfo<ChatResponse> ResponseInfo =>
            (JsonTypeInfo<ChatResponse>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse));

        private static JsonTypeInfo<ChatResponseUpdate> UpdateInfo =>
            (JsonTypeInfo<ChatResponseUpdate>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponseUpdate));

        public static byte[] WriteResponse(ChatResponse response) =>
            Write(ResponseKind, writer => JsonSerializer.Serialize(writer, response, ResponseInfo));

        /// <summary>Serializes one update on its own, as soon as it arrives (before the caller can change it).</summary>
        public static byte[] SerializeUpdate(ChatResponseUpdate update) =>
            JsonSerializer.SerializeToUtf8Bytes(update, UpdateInfo);

        public static byte[] WriteUpdates(IReadOnlyList<byte[]> serializedUpdates) =>
            Write(UpdatesKind, writer =>
            {
                writer.WriteStartArray();
                foreach (var update in serializedUpdates)
                    writer.WriteRawValue(update, skipInputValidation: true);
                writer.WriteEndArray();
            });

        /// <summary>
        /// Reads an entry. Anything that is not a complete entry of this version (corrupted bytes, another
        /// program's value under the same key, a future format) gives <see langword="null"/>: a miss, never a crash.
        /// </summary>
        public static StoredAnswer? TryRead(byte[] data)
        {
            try
            {
                using var document = JsonDocument.Parse(data);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty(MarkerProperty, out var marker)
                    || marker.ValueKind != JsonValueKind.Number
                    || !marker.TryGetInt32(out var version) || version != Version
                    || !root.TryGetProperty(KindProperty, out var kind)
                    || !root.TryGetProperty(ValueProperty, out var value))
                {
                    return null;
                }

                switch (kind.ValueKind == JsonValueKind.String ? kind.GetString() : null)
                {
                    case ResponseKind when value.ValueKind == JsonValueKind.Object:
                        var response = value.Deserialize(ResponseInfo);
                        return response is null ? null : new StoredAnswer(response, null);
                    case UpdatesKind when value.ValueKind == JsonValueKind.Array:
                        var updates = new List<ChatResponseUpdate>(value.GetArrayLength());
                        foreach (var item in value.EnumerateArray())
                        {
                            var update = item.Deserialize(UpdateInfo);
                            if (update is null)
                                return null;
                            updates.Add(update);
                        }
                        return new StoredAnswer(null, updates);
                    default:
                        return null;
                }
            }
#pragma warning disable CA1031 // Any failure to read a stored entry is a miss: the call runs again and overwrites it.
            catch (Exception)
#pragma warning restore CA1031
            {
                return null;
            }
        }

        private static byte[] Write(string kind, Action<Utf8JsonWriter> writeValue)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber(MarkerProperty, Version);
                writer.WriteString(KindProperty, kind);
                writer.WritePropertyName(ValueProperty);
                writeValue(writer);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }
    }

    /// <summary>A stored answer as it was produced: a whole response or the list of streamed updates.</summary>
    internal sealed class StoredAnswer
    {
        private readonly ChatResponse? _response;
        private readonly IReadOnlyList<ChatResponseUpdate>? _updates;

        public StoredAnswer(ChatResponse? response, IReadOnlyList<ChatResponseUpdate>? updates)
        {
            _response = response;
            _updates = updates;
        }

        public ChatResponse ToResponse() => _response ?? _updates!.ToChatResponse();

        public IReadOnlyList<ChatResponseUpdate> ToUpdates() => _updates ?? _response!.ToChatResponseUpdates();
    }
}
