using System;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace AiLint.Runtime
{
    /// <summary>Turns a result of <see cref="IdempotentCalls.RunOnceAsync{T}(string, Func{System.Threading.CancellationToken, System.Threading.Tasks.Task{T}}, IIdempotencyStore, IIdempotentResultSerializer{T}, TimeSpan?, System.Threading.CancellationToken)"/> into bytes and back.</summary>
    /// <remarks>
    /// <see cref="Deserialize"/> may throw on data it does not recognise: the caller treats any exception as a miss
    /// and runs the call again, so a corrupted or foreign entry never fails the operation.
    /// </remarks>
    public interface IIdempotentResultSerializer<T>
    {
        /// <summary>Serializes <paramref name="value"/>.</summary>
        byte[] Serialize(T value);

        /// <summary>Reads back a value written by <see cref="Serialize"/>.</summary>
        T Deserialize(byte[] data);
    }

    /// <summary>Serializers for <see cref="IdempotentCalls"/>.</summary>
    public static class IdempotentResultSerializer
    {
        /// <summary>
        /// System.Text.Json with <paramref name="options"/>, by default <see cref="AIJsonUtilities.DefaultOptions"/>
        /// (which reads and writes the Microsoft.Extensions.AI types and, where reflection is enabled, plain types).
        /// </summary>
        public static IIdempotentResultSerializer<T> Json<T>(JsonSerializerOptions? options = null) =>
            new JsonSerializer<T>((JsonTypeInfo<T>)(options ?? AIJsonUtilities.DefaultOptions).GetTypeInfo(typeof(T)));

        /// <summary>System.Text.Json with a source-generated <paramref name="typeInfo"/> (trimming and AOT safe).</summary>
        public static IIdempotentResultSerializer<T> Json<T>(JsonTypeInfo<T> typeInfo) =>
            new JsonSerializer<T>(typeInfo ?? throw new ArgumentNullException(nameof(typeInfo)));

        /// <summary>
        /// A model's own JSON wire format through <see cref="ModelReaderWriter"/>, for types implementing
        /// <see cref="IJsonModel{T}"/> (OpenAI's result models such as <c>ChatCompletion</c>): the same reader the SDK
        /// uses on the provider's response, so a stored result reads back as the SDK read it the first time.
        /// </summary>
        public static IIdempotentResultSerializer<T> FromJsonModel<T>()
            where T : IJsonModel<T> =>
            new JsonModelSerializer<T>();

        private sealed class JsonModelSerializer<T> : IIdempotentResultSerializer<T>
            where T : IJsonModel<T>
        {
            private static readonly ModelReaderWriterOptions Wire = new ModelReaderWriterOptions("J");

            public byte[] Serialize(T value) => ModelReaderWriter.Write(value, Wire).ToArray();

            public T Deserialize(byte[] data) =>
                ModelReaderWriter.Read<T>(BinaryData.FromBytes(data), Wire) ?? throw new FormatException("The stored entry is not a " + typeof(T).Name + ".");
        }

        private sealed class JsonSerializer<T> : IIdempotentResultSerializer<T>
        {
            private readonly JsonTypeInfo<T> _typeInfo;

            public JsonSerializer(JsonTypeInfo<T> typeInfo) => _typeInfo = typeInfo;

            public byte[] Serialize(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo);

            public T Deserialize(byte[] data) => JsonSerializer.Deserialize(data, _typeInfo)!;
        }
    }
}
